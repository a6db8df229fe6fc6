package io.tributary.local;

import io.tributary.aws.dynamodb.TributaryTables;
import io.tributary.local.deploy.FunctionVariables;
import io.tributary.orchestration.Json;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The live-fill function's package run as a process of its own, as Lambda runs it: its shaded jar, the environment
 * the stack gives it (the template's literal variables, JAVA_TOOL_OPTIONS included) pointed at a local S3 server and
 * DynamoDB Local, and the SQS events it receives. For the package test and the live-fill benchmark.
 */
public final class LiveFillPackage {
  private LiveFillPackage() {}

  /** The built jar below the checkout {@code root}. */
  public static Path jar(Path root) throws IOException {
    Path target = root.resolve("live-fill-function/target");
    try (Stream<Path> files = Files.list(target)) {
      return files.filter(f -> f.getFileName().toString().matches("live-fill-function-.*-lambda\\.jar")).findFirst()
          .orElseThrow(() -> new IllegalStateException("no shaded jar in " + target + ": mvn package first"));
    }
  }

  /**
   * The function's environment: the template's variables, the default tables, and the endpoints and credentials of
   * the local S3 server (its S3A settings: {@code fs.s3a.endpoint}, {@code .access.key}, {@code .secret.key}) and
   * of DynamoDB Local.
   */
  public static Map<String, String> environment(Path root, Map<String, String> s3a, URI dynamoDb) throws IOException {
    Map<String, String> env = new LinkedHashMap<>(FunctionVariables.literal(
        root.resolve("cloudformation/tributary.yaml"), "LiveFillFunction"));
    TributaryTables tables = TributaryTables.defaults();
    env.put("AWS_REGION", "us-east-1");
    env.put("AWS_ACCESS_KEY_ID", s3a.get("fs.s3a.access.key"));
    env.put("AWS_SECRET_ACCESS_KEY", s3a.get("fs.s3a.secret.key"));
    env.put("AWS_ENDPOINT_URL_S3", s3a.get("fs.s3a.endpoint"));
    env.put("AWS_ENDPOINT_URL_DYNAMODB", dynamoDb.toString());
    // The local server takes neither the SDK's default checksums, virtual-host addressing, nor DeleteObjects.
    env.put("AWS_REQUEST_CHECKSUM_CALCULATION", "when_required");
    env.put("AWS_RESPONSE_CHECKSUM_VALIDATION", "when_required");
    env.put("S3_PATH_STYLE", "true");
    env.put("S3_MULTI_OBJECT_DELETE", "false");
    env.put("CONFIG_TABLE", tables.configTable());
    env.put("HISTORY_TABLE", tables.historyTable());
    env.put("STATE_MACHINE_ARN", "arn:aws:states:us-east-1:000000000000:stateMachine:tributary");
    return env;
  }

  /** The SQS batch of one message, {@code messageId}, holding S3's notification of {@code key} in {@code bucket}. */
  public static String sqsEvent(String messageId, String bucket, String key) {
    String notification = "{\"Records\":[{\"eventName\":\"ObjectCreated:Put\",\"s3\":{\"bucket\":{\"name\":\""
        + bucket + "\"},\"object\":{\"key\":\"" + key.replace("=", "%3D") + "\"}}}]}";
    return "{\"Records\":[{\"messageId\":\"" + messageId + "\",\"body\":" + Json.MAPPER.valueToTree(notification)
        + "}]}";
  }
}
