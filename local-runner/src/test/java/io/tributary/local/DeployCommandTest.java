package io.tributary.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code bin/tributary deploy --dry-run} as docs/operations.md shows it, from this built checkout: every request
 * printed, none sent (no credentials are given).
 */
class DeployCommandTest {
  @Test
  void theDocumentedDryRunPrintsEveryRequestOfTheDeployInOrder() throws Exception {
    List<String> example = DocsExamplesTest.block("## Deploy the stack").get(0);
    assertEquals(List.of("bin/tributary", "deploy", "--dry-run"), example.subList(0, 3));
    CliProcess.Result result = CliProcess.run(null, Map.of("AWS_ACCESS_KEY_ID", "", "AWS_SECRET_ACCESS_KEY", "",
        "AWS_EC2_METADATA_DISABLED", "true"), example.subList(1, example.size()));
    assertEquals(0, result.exit(), result.output());
    List<String> operations = result.output().lines().filter(l -> l.matches("[a-z0-9]+ +[A-Za-z]+ +\\{.*"))
        .map(l -> l.split(" +")[1]).toList();
    assertEquals(List.of("GetCallerIdentity", "HeadBucket", "DescribeSubnets", "GetParameters",
        "HeadObject", "PutObject", "HeadObject", "PutObject", "HeadObject", "PutObject", "HeadObject", "PutObject",
        "HeadObject", "PutObject", "DescribeStacks", "CreateChangeSet", "DescribeChangeSet", "ExecuteChangeSet", "DescribeStackEvents"),
        operations, result.output());
    assertTrue(result.output().matches("(?s).*PutObject +\\{\"Bucket\":\"my-artifacts\",[^\\n]*\"Key\":"
        + "\"tributary/spark-jobs-emr-[0-9a-f]{16}\\.jar\".*"), result.output());
    assertTrue(result.output().matches("(?s).*CreateChangeSet +\\{[^\\n]*\"TemplateURL\":\"https://my-artifacts\\.s3\\."
        + "eu-west-1\\.amazonaws\\.com/tributary/tributary-[0-9a-f]{16}\\.yaml\"[^\\n]*\"ChangeSetType\":\"CREATE\".*"),
        result.output());
    assertTrue(result.output().contains("\"ParameterKey\":\"SubnetId\",\"ParameterValue\":\"subnet-0123456789abcdef0\""),
        result.output());
    assertTrue(result.output().matches("(?s).*\"ParameterKey\":\"LiveFillJarKey\",\"ParameterValue\":"
        + "\"tributary/live-fill-function-lambda-[0-9a-f]{16}\\.jar\".*"), "the live-fill function's own package");
  }
}
