package io.tributary.local.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * cloudformation/aws-calls.yaml lists every AWS call Tributary makes, and the build evaluates each against the
 * stack's IAM policies (cloudformation/iam.mjs). This test keeps the list whole: every AWS SDK operation the
 * deployed code can call (each request class its compiled classes name) must appear there as the IAM action that
 * authorizes it. Here, in the module built last, because it reads every deployed module's classes.
 */
class AwsCallsListedTest {
  static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
  /** The modules whose code runs on AWS (the local runner's stand-ins do not). */
  static final List<String> DEPLOYED = List.of("pipeline-core", "aws-adapters", "conversion", "spark-jobs",
      "orchestration-lambdas", "live-fill-function");
  static final Pattern REQUEST = Pattern.compile("software/amazon/awssdk/services/([a-z0-9]+)/model/([A-Za-z0-9]+)Request");
  /** IAM's service prefix of each SDK service package. */
  static final Map<String, String> PREFIX = Map.of("dynamodb", "dynamodb", "s3", "s3", "sfn", "states", "sns", "sns",
      "ssm", "ssm", "glue", "glue", "emr", "elasticmapreduce", "sqs", "sqs", "kinesis", "kinesis");
  /**
   * Operations authorized by other actions than their names, from IAM's service authorization reference:
   * HeadObject by s3:GetObject, ListObjectsV2 by s3:ListBucket, CopyObject by s3:GetObject of its source and
   * s3:PutObject of its target, DeleteObjects by s3:DeleteObject of each, TransactWriteItems by each item's action.
   */
  static final Map<String, Set<String>> AUTHORIZED_BY = Map.of(
      "s3:HeadObject", Set.of("s3:GetObject"),
      "s3:CopyObject", Set.of("s3:GetObject", "s3:PutObject"),
      "s3:DeleteObjects", Set.of("s3:DeleteObject"),
      "s3:ListObjectsV2", Set.of("s3:ListBucket"),
      "dynamodb:TransactWriteItems", Set.of("dynamodb:PutItem", "dynamodb:UpdateItem"));
  /** Operations the deployed jars hold but only the local runner and tests call, and why. */
  static final Map<String, String> LOCAL_ONLY = Map.of(
      "dynamodb:CreateTable", "TableDefinitions: the local runner's stand-in tables; the stack creates the real ones",
      "dynamodb:DescribeTable", "TableDefinitions: waits for a stand-in table to be active");

  static Set<String> operations() throws IOException {
    Set<String> found = new TreeSet<>();
    for (String module : DEPLOYED) {
      Path classes = ROOT.resolve(module).resolve("target/classes");
      try (Stream<Path> files = Files.walk(classes)) {
        for (Path file : files.filter(f -> f.toString().endsWith(".class")).toList()) {
          Matcher matcher = REQUEST.matcher(new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1));
          while (matcher.find()) {
            String prefix = PREFIX.get(matcher.group(1));
            assertTrue(prefix != null, "no IAM prefix known for the SDK's " + matcher.group(1) + " (" + file + ")");
            found.add(prefix + ":" + matcher.group(2));
          }
        }
      }
    }
    return found;
  }

  @Test
  void everySdkOperationOfTheDeployedCodeIsListedAsItsIamAction() throws IOException {
    String listed = Files.readString(ROOT.resolve("cloudformation/aws-calls.yaml"));
    Set<String> actions = new TreeSet<>();
    Matcher action = Pattern.compile("\\b([a-z0-9-]+:[A-Za-z*]+)\\b").matcher(listed);
    while (action.find()) {
      actions.add(action.group(1));
    }
    Set<String> operations = operations();
    assertTrue(operations.size() >= 15, "operations found: " + operations);
    Set<String> missing = new TreeSet<>();
    for (String operation : operations) {
      if (LOCAL_ONLY.containsKey(operation)) {
        continue;
      }
      for (String needed : AUTHORIZED_BY.getOrDefault(operation, Set.of(operation))) {
        if (!actions.contains(needed)) {
          missing.add(operation + " (authorized by " + needed + ")");
        }
      }
    }
    assertEquals(Set.of(), missing, "AWS calls the code makes that cloudformation/aws-calls.yaml does not list");
  }
}
