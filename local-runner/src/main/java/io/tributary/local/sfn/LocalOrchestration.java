package io.tributary.local.sfn;

import io.tributary.core.history.TextObjectWriter;
import com.fasterxml.jackson.databind.JsonNode;
import io.tributary.aws.AwsClients;
import io.tributary.core.history.ConfigStore;
import io.tributary.core.history.HistoryStore;
import io.tributary.core.history.TextObjects;
import io.tributary.core.run.DeploymentSettings;
import io.tributary.core.run.RunPlanner;
import io.tributary.core.secret.SecretSourceSpec;
import io.tributary.orchestration.PlanRunHandler;
import io.tributary.orchestration.RecordHistoryHandler;
import io.tributary.orchestration.SummarizeHandler;
import io.tributary.orchestration.TaskHandler;
import io.tributary.orchestration.emr.ClusterSpec;
import io.tributary.orchestration.emr.StepSettings;
import io.tributary.spark.StepEnvironment;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.sql.SparkSession;

/**
 * The whole orchestration on one machine: the state machine definition run by the real interpreter, the
 * orchestration handlers over the given stores, a local EMR running steps on local Spark, local SNS.
 */
public final class LocalOrchestration implements AutoCloseable {
  /** The cluster a local run "creates": a valid EMR 7 request, run by {@link LocalEmrCluster}. */
  public static final ClusterSpec LOCAL_CLUSTER = new ClusterSpec("tributary-local", "emr-7.12.0",
      "s3://local-logs/emr/", "EMR_DefaultRole_V2", "EMR_EC2_DefaultRole", "subnet-local", Optional.empty(),
      "m6g.xlarge", "m6g.xlarge", 1, false, List.of(), Map.of(), 2, 3600, Map.of("environment", "local"))
      .withSecurityConfiguration(Optional.of("tributary-local"));

  private final LocalEmrCluster emr;
  private final LocalNotifications notifications;
  private final LocalTaskDispatcher dispatcher;
  private final LocalStateMachine stateMachine;

  public LocalOrchestration(Path repositoryRoot, ConfigStore configs, HistoryStore history, SparkSession spark,
      AwsClients clients, SecretSourceSpec secrets, Path runsDirectory, Clock clock, int maxWindowsPerRun,
      Integer retryIntervalMs, boolean printNotifications) throws IOException {
    this(repositoryRoot, configs, history, spark, clients, secrets, runsDirectory, clock, maxWindowsPerRun,
        retryIntervalMs, printNotifications, ExecutionListener.NONE);
  }

  /**
   * As above, with {@code listener} told of the planned windows and of each window as it ends. Steps run with
   * {@code clients} (the local DynamoDB), the session's Hadoop configuration and the system clock, and every
   * kind's default settings.
   */
  public LocalOrchestration(Path repositoryRoot, ConfigStore configs, HistoryStore history, SparkSession spark,
      AwsClients clients, SecretSourceSpec secrets, Path runsDirectory, Clock clock, int maxWindowsPerRun,
      Integer retryIntervalMs, boolean printNotifications, ExecutionListener listener) throws IOException {
    StepEnvironment environment = new StepEnvironment(spark.sparkContext().hadoopConfiguration(),
        Clock.systemUTC(), clients, System.getenv());
    emr = new LocalEmrCluster(spark, environment, runsDirectory.resolve("steps"));
    notifications = new LocalNotifications(printNotifications);
    StepSettings steps = new StepSettings("file:" + repositoryRoot.resolve("spark-jobs/target/spark-jobs-emr.jar"),
        DeploymentSettings.defaults(secrets), runsDirectory.toUri().toString().replaceAll("/$", ""));
    TaskHandler plan = new PlanRunHandler(new RunPlanner(configs, clock, maxWindowsPerRun), LOCAL_CLUSTER, 2);
    TaskHandler record = new RecordHistoryHandler(configs, history, TextObjects.localFiles(),
        TextObjectWriter.localFiles(), steps, clock,
        Duration.ofHours(6));
    Map<String, TaskHandler> handlers = Map.of(
        "PlanRun", input -> {
          JsonNode planned = plan.handle(input);
          listener.planned(planned.path("windowCount").asLong());
          return planned;
        },
        "RecordHistory", input -> {
          JsonNode recorded = record.handle(input);
          String action = input.path("action").asText();
          if (action.equals("succeed") || action.equals("fail")) {
            listener.windowEnded(recorded.path("rowsWritten").asLong(0));
          }
          return recorded;
        },
        "Summarize", new SummarizeHandler());
    dispatcher = new LocalTaskDispatcher(handlers, emr, notifications);
    stateMachine = new LocalStateMachine(repositoryRoot, dispatcher.url(), retryIntervalMs);
  }

  /** Runs one execution of the ingestion state machine with {@code input}. */
  public LocalStateMachine.Execution execute(JsonNode input) throws IOException, InterruptedException {
    return stateMachine.run(input);
  }

  public LocalEmrCluster emr() {
    return emr;
  }

  /** Lambda invocations so far, by function name. */
  public Map<String, Long> lambdaInvocations() {
    return dispatcher.lambdaInvocations();
  }

  public LocalNotifications notifications() {
    return notifications;
  }

  @Override
  public void close() {
    dispatcher.close();
  }
}
