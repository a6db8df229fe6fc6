package io.tributary.local.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tributary.orchestration.aws.AwsApiModel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.SdkPojo;
import software.amazon.awssdk.services.cloudformation.model.CreateChangeSetRequest;
import software.amazon.awssdk.services.cloudformation.model.Parameter;
import software.amazon.awssdk.services.cloudformation.model.Stack;

/**
 * Every request of a deploy, field by field, and each checked against its service's API model as botocore ships
 * it (no AWS runs here): names, types, required fields, enums and lengths.
 */
class DeployRequestsTest {
  static final Path TEMPLATE = Path.of("..", "cloudformation", "tributary.yaml");
  static final Instant NOW = Instant.parse("2026-12-03T07:15:00Z");

  @TempDir Path dir;
  List<Artifact> artifacts;

  @BeforeEach
  void files() throws Exception {
    artifacts = List.of(
        new Artifact("orchestration-lambdas-lambda.jar", Files.writeString(dir.resolve("l.jar"), "lambda v1"),
            "LambdaJarKey"),
        new Artifact("spark-jobs-emr.jar", Files.writeString(dir.resolve("e.jar"), "emr v1"), "SparkJarKey"),
        new Artifact("bootstrap/check-node.sh", Files.writeString(dir.resolve("b.sh"), "#!/bin/sh\n"),
            "BootstrapScriptKey"));
  }

  static DeployTarget target(Map<String, String> more) {
    Map<String, String> parameters = new LinkedHashMap<>(Map.of("SubnetId", "subnet-0123456789abcdef0",
        "LakeBucketName", "my-lake-bucket", "StackBucketName", "tributary-111122223333-eu-west-1",
        "NotificationEmail", "ops@example.com"));
    parameters.putAll(more);
    return new DeployTarget("tributary", "eu-west-1", "my-artifacts", "tributary", parameters);
  }

  @Test
  void everyRequestIsOneItsApiTakes() throws Exception {
    StackDeployment plan = StackDeployment.plan(target(Map.of()), artifacts, TEMPLATE, NOW);
    Stack existing = Stack.builder().stackName("tributary").parameters(Parameter.builder()
        .parameterKey("CoreInstanceCount").parameterValue("4").build()).build();
    Map<String, SdkPojo> requests = new LinkedHashMap<>();
    requests.put("sts GetCallerIdentity", plan.callerIdentity());
    requests.put("s3 HeadBucket", plan.artifactBucket());
    requests.put("ec2 DescribeSubnets", plan.subnet());
    requests.put("ssm GetParameters", plan.secrets());
    for (int i = 0; i < plan.uploads().size(); i++) {
      requests.put("s3 HeadObject " + i, plan.uploads().get(i).exists());
      requests.put("s3 PutObject " + i, plan.uploads().get(i).request());
    }
    requests.put("cloudformation DescribeStacks", plan.describeStack());
    requests.put("cloudformation CreateChangeSet", plan.changeSet(Optional.empty()));
    requests.put("cloudformation CreateChangeSet update", plan.changeSet(Optional.of(existing)));
    requests.put("cloudformation DescribeChangeSet", plan.describeChangeSet());
    requests.put("cloudformation ExecuteChangeSet", plan.executeChangeSet());
    requests.put("cloudformation DescribeStackEvents", plan.stackEvents());
    requests.forEach((name, request) -> {
      String[] parts = name.split(" ");
      AwsApiModel model = AwsApiModel.of(parts[0]);
      List<String> problems = model.problems(model.inputOf(parts[1]), RequestJson.of(request), name);
      assertEquals(List.of(), problems, name + ": " + RequestJson.line(request));
    });
  }

  @Test
  void uploadsAreKeyedByContentAndTheChangeSetNamesThem() throws Exception {
    StackDeployment plan = StackDeployment.plan(target(Map.of("CoreInstanceCount", "3")), artifacts, TEMPLATE, NOW);
    List<String> keys = plan.uploads().stream().map(u -> u.request().key()).toList();
    String lambdaHash = ArtifactKey.sha256(dir.resolve("l.jar")).substring(0, 16);
    assertEquals("tributary/orchestration-lambdas-lambda-" + lambdaHash + ".jar", keys.get(0));
    assertTrue(keys.get(1).matches("tributary/spark-jobs-emr-[0-9a-f]{16}\\.jar"), keys.get(1));
    assertTrue(keys.get(2).matches("tributary/bootstrap/check-node-[0-9a-f]{16}\\.sh"), keys.get(2));
    assertTrue(keys.get(3).matches("tributary/tributary-[0-9a-f]{16}\\.yaml"), keys.get(3));
    assertEquals(List.of("my-artifacts"), plan.uploads().stream().map(u -> u.request().bucket()).distinct().toList());
    assertEquals(Files.size(TEMPLATE), plan.uploads().get(3).request().contentLength());

    CreateChangeSetRequest create = plan.changeSet(Optional.empty());
    assertEquals("tributary", create.stackName());
    assertEquals("tributary-20261203-071500", create.changeSetName());
    assertEquals("CREATE", create.changeSetTypeAsString());
    assertEquals("https://my-artifacts.s3.eu-west-1.amazonaws.com/" + keys.get(3), create.templateURL());
    assertEquals(List.of("CAPABILITY_IAM"), create.capabilitiesAsStrings());
    Map<String, String> values = new LinkedHashMap<>();
    create.parameters().forEach(p -> values.put(p.parameterKey(), p.parameterValue()));
    assertEquals("my-artifacts", values.get("ArtifactBucket"));
    assertEquals(keys.get(0), values.get("LambdaJarKey"));
    assertEquals(keys.get(1), values.get("SparkJarKey"));
    assertEquals(keys.get(2), values.get("BootstrapScriptKey"));
    assertEquals("3", values.get("CoreInstanceCount"));
    assertEquals("subnet-0123456789abcdef0", values.get("SubnetId"));
    assertEquals(List.of("subnet-0123456789abcdef0"), plan.subnet().subnetIds());
    assertEquals(List.of("postgre-jdbcurl", "postgre-user", "postgre-psswd", "warehouse-jdbcurl", "warehouse-user",
        "warehouse-psswd"), plan.secrets().names());

    Files.writeString(dir.resolve("l.jar"), "lambda v2");
    StackDeployment changed = StackDeployment.plan(target(Map.of()), artifacts, TEMPLATE, NOW);
    assertTrue(!changed.uploads().get(0).request().key().equals(keys.get(0)), "a new jar, a new key");
    assertEquals(keys.get(1), changed.uploads().get(1).request().key(), "an unchanged jar keeps its key");
  }

  @Test
  void anUpdateKeepsThePreviousValueOfEveryParameterItDoesNotSet() throws Exception {
    StackDeployment plan = StackDeployment.plan(new DeployTarget("tributary", "eu-west-1", "my-artifacts",
        "tributary", Map.of()), artifacts, TEMPLATE, NOW);
    assertThrows(IllegalArgumentException.class, () -> plan.changeSet(Optional.empty()),
        "a create needs the parameters without a default");
    Stack existing = Stack.builder().stackName("tributary").parameters(
        Parameter.builder().parameterKey("SubnetId").parameterValue("subnet-1").build(),
        Parameter.builder().parameterKey("LakeBucketName").parameterValue("lake").build(),
        Parameter.builder().parameterKey("StackBucketName").parameterValue("stack").build(),
        Parameter.builder().parameterKey("CoreInstanceCount").parameterValue("4").build()).build();
    CreateChangeSetRequest update = plan.changeSet(Optional.of(existing));
    assertEquals("UPDATE", update.changeSetTypeAsString());
    Map<String, Parameter> byKey = new LinkedHashMap<>();
    update.parameters().forEach(p -> byKey.put(p.parameterKey(), p));
    for (String kept : List.of("SubnetId", "LakeBucketName", "StackBucketName", "CoreInstanceCount")) {
      assertEquals(Boolean.TRUE, byKey.get(kept).usePreviousValue(), kept);
      assertEquals(null, byKey.get(kept).parameterValue(), kept);
    }
    assertEquals(plan.uploads().get(1).request().key(), byKey.get("SparkJarKey").parameterValue());
  }

  @Test
  void aParameterTheTemplateLacksOrAMissingOneIsNamed() {
    IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class, () -> StackDeployment.plan(
        target(Map.of("SubnetID", "subnet-1")), artifacts, TEMPLATE, NOW));
    assertTrue(unknown.getMessage().startsWith("--parameter SubnetID: the template has no such parameter"),
        unknown.getMessage());
    IllegalArgumentException missing = assertThrows(IllegalArgumentException.class, () -> StackDeployment.plan(
        new DeployTarget("tributary", "eu-west-1", "my-artifacts", "tributary", Map.of("SubnetId", "subnet-1")),
        artifacts, TEMPLATE, NOW).changeSet(Optional.empty()));
    assertTrue(missing.getMessage().contains("[StackBucketName, LakeBucketName] have no default"),
        missing.getMessage());
    assertThrows(IllegalArgumentException.class, () -> new DeployTarget("tributary", "Ireland", "b", "p", Map.of()));
  }
}
