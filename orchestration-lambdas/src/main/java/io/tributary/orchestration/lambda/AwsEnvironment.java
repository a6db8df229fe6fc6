package io.tributary.orchestration.lambda;

import io.tributary.aws.dynamodb.DynamoDbConfigStore;
import io.tributary.aws.dynamodb.DynamoDbHistoryStore;
import io.tributary.aws.dynamodb.TributaryTables;
import io.tributary.core.history.ConfigStore;
import io.tributary.core.history.HistoryStore;
import io.tributary.core.history.NoSuchObjectException;
import io.tributary.core.history.TextObjectWriter;
import io.tributary.core.history.TextObjects;
import io.tributary.core.run.DeploymentSettings;
import io.tributary.core.run.KindNamespaces;
import io.tributary.core.secret.SecretSourceSpec;
import io.tributary.orchestration.ConfigSyncHandler;
import io.tributary.orchestration.emr.ClusterSpec;
import io.tributary.orchestration.emr.StepSettings;
import java.io.IOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.core.sync.ResponseTransformer;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.emr.EmrClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.utils.SdkAutoCloseable;

/**
 * What the Lambda functions read from their environment (set by the CloudFormation stack) and the AWS
 * clients they use. Every missing variable is named. Each client is built once per container (the function
 * object lives as long as its container) and closed when the runtime shuts the container down.
 */
public final class AwsEnvironment {
  private final Map<String, String> env;
  private final List<SdkAutoCloseable> clients = new ArrayList<>();

  AwsEnvironment(Map<String, String> env) {
    this.env = env;
    Runtime.getRuntime().addShutdownHook(new Thread(this::closeClients, "close-aws-clients"));
  }

  /** Closes every client built here. */
  synchronized void closeClients() {
    clients.forEach(SdkAutoCloseable::close);
    clients.clear();
  }

  private synchronized <T extends SdkAutoCloseable> T kept(T client) {
    clients.add(client);
    return client;
  }

  public static AwsEnvironment fromSystem() {
    return new AwsEnvironment(System.getenv());
  }

  public String require(String name) {
    String value = env.get(name);
    if (value == null || value.isBlank()) {
      throw new IllegalStateException("environment variable " + name + " is not set");
    }
    return value;
  }

  public Optional<String> optional(String name) {
    return Optional.ofNullable(env.get(name)).filter(v -> !v.isBlank());
  }

  /** Each kind's deployment settings: {@code KIND_SETTINGS}, JSON, a namespace per kind (absent: the defaults). */
  KindNamespaces kindSettings() {
    return KindNamespaces.parse(env.get("KIND_SETTINGS"));
  }

  public int number(String name) {
    return Integer.parseInt(require(name));
  }

  public DynamoDbClient dynamoDb() {
    return kept(DynamoDbClient.builder().httpClient(UrlConnectionHttpClient.create()).build());
  }

  public ConfigStore configStore(DynamoDbClient client) {
    return new DynamoDbConfigStore(client, require("CONFIG_TABLE"));
  }

  public HistoryStore historyStore(DynamoDbClient client) {
    return new DynamoDbHistoryStore(client, new TributaryTables(require("CONFIG_TABLE"), require("HISTORY_TABLE")));
  }

  public S3Client s3() {
    return s3(false);
  }

  /** An S3 client; {@code pathStyle} addresses buckets in the path, as S3-compatible servers need. */
  public S3Client s3(boolean pathStyle) {
    return kept(S3Client.builder().httpClient(UrlConnectionHttpClient.create()).forcePathStyle(pathStyle).build());
  }

  public SfnClient sfn() {
    return kept(SfnClient.builder().httpClient(UrlConnectionHttpClient.create()).build());
  }

  EmrClient emr() {
    return kept(EmrClient.builder().httpClient(UrlConnectionHttpClient.create()).build());
  }

  SnsClient sns() {
    return kept(SnsClient.builder().httpClient(UrlConnectionHttpClient.create()).build());
  }

  /** Alerts to the run-summary topic (RUN_SUMMARY_TOPIC_ARN), each also written to CloudWatch Logs. */
  ConfigSyncHandler.Alerts alerts() {
    SnsClient sns = sns();
    String topicArn = require("RUN_SUMMARY_TOPIC_ARN");
    return (subject, message) -> {
      System.err.println(message); // CloudWatch Logs
      sns.publish(b -> b.topicArn(topicArn).subject(subject).message(message));
    };
  }

  /** Reads s3:// objects with {@code s3}. */
  static TextObjects s3Objects(S3Client s3) {
    return uri -> {
      URI parsed = URI.create(uri);
      if (!"s3".equals(parsed.getScheme())) {
        throw new IOException("not an s3:// URI: " + uri);
      }
      try {
        return s3.getObject(b -> b.bucket(parsed.getHost()).key(parsed.getPath().substring(1)),
            ResponseTransformer.toBytes()).asUtf8String();
      } catch (NoSuchKeyException e) {
        throw new NoSuchObjectException(uri, e);
      }
    };
  }

  /** Writes s3:// objects with {@code s3}. */
  static TextObjectWriter s3Writer(S3Client s3) {
    return (uri, text) -> {
      URI parsed = URI.create(uri);
      if (!"s3".equals(parsed.getScheme())) {
        throw new IOException("not an s3:// URI: " + uri);
      }
      s3.putObject(b -> b.bucket(parsed.getHost()).key(parsed.getPath().substring(1)), RequestBody.fromString(text));
    };
  }

  StepSettings steps() {
    return new StepSettings(require("SPARK_JAR_URI"),
        new DeploymentSettings(SecretSourceSpec.parse(require("SECRET_SOURCE")), kindSettings()),
        require("RUN_RECORD_ROOT"));
  }

  ClusterSpec cluster() {
    return new ClusterSpec(require("CLUSTER_NAME"), require("EMR_RELEASE_LABEL"), require("EMR_LOG_URI"),
        require("EMR_SERVICE_ROLE"), require("EMR_INSTANCE_PROFILE"), require("EMR_SUBNET_ID"),
        Optional.ofNullable(env.get("EMR_KEY_NAME")).filter(k -> !k.isBlank()),
        require("EMR_MASTER_INSTANCE_TYPE"), require("EMR_CORE_INSTANCE_TYPE"), number("EMR_CORE_INSTANCE_COUNT"),
        Boolean.parseBoolean(env.getOrDefault("EMR_CORE_SPOT", "false")), bootstrapActions(), Map.of(),
        number("EMR_STEP_CONCURRENCY"), number("EMR_IDLE_TIMEOUT_SECONDS"),
        Map.of("application", "tributary", "stack", env.getOrDefault("STACK_NAME", "tributary")))
        .withSecurityConfiguration(Optional.of(require("EMR_SECURITY_CONFIGURATION")));
  }

  /** EMR_BOOTSTRAP_SCRIPTS, each run with EMR_BOOTSTRAP_ARGS (the stack's: the SSM parameter names to check). */
  private List<ClusterSpec.BootstrapAction> bootstrapActions() {
    List<String> args = list("EMR_BOOTSTRAP_ARGS");
    return list("EMR_BOOTSTRAP_SCRIPTS").stream().map(path -> new ClusterSpec.BootstrapAction(path, args)).toList();
  }

  private List<String> list(String name) {
    return Arrays.stream(env.getOrDefault(name, "").split(",")).map(String::strip).filter(s -> !s.isEmpty())
        .collect(Collectors.toList());
  }
}
