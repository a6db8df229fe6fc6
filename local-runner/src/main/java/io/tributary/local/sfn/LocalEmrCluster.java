package io.tributary.local.sfn;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tributary.orchestration.Json;
import io.tributary.core.config.JobKind;
import io.tributary.core.run.Failures;
import io.tributary.core.run.StepDocument;
import io.tributary.spark.SparkJobKinds;
import io.tributary.spark.StepEnvironment;
import io.tributary.spark.StepRun;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.spark.sql.SparkSession;

/**
 * EMR standing in locally: "creating" a cluster checks the request and hands out an id; a step runs the
 * same Spark entry point in this JVM's local Spark; terminating marks the cluster gone. Keeps what was
 * created and terminated, and can be told to fail or throttle, so tests can check the state machine's
 * handling.
 */
public final class LocalEmrCluster {
  private final SparkSession spark;
  private final AtomicInteger sequence = new AtomicInteger();
  private final Set<String> running = ConcurrentHashMap.newKeySet();
  private final List<String> terminated = Collections.synchronizedList(new ArrayList<>());
  private final AtomicInteger createAttempts = new AtomicInteger();
  private final AtomicInteger steps = new AtomicInteger();
  private final Map<String, Long> startedAt = new ConcurrentHashMap<>();
  private final AtomicLong clusterNanos = new AtomicLong();
  private volatile int throttleCreations;
  private volatile boolean failCreation;

  private final Path stepLogs;
  private final StepEnvironment environment;

  /**
   * Steps run with {@code environment} and print (run records, conversion summaries) into
   * {@code stepLogs}/&lt;run id&gt;.log, as EMR keeps step logs.
   */
  private volatile int failStepMessageChars;

  public LocalEmrCluster(SparkSession spark, StepEnvironment environment, Path stepLogs) {
    this.spark = spark;
    this.environment = environment;
    this.stepLogs = stepLogs;
  }

  /** Where the steps' output is kept. */
  public Path stepLogs() {
    return stepLogs;
  }

  /** Makes the next {@code count} creations fail with ThrottlingException. */
  public void throttleNextCreations(int count) {
    throttleCreations = count;
  }

  /**
   * Makes every step fail as EMR does, its cause the whole step description (as {@code addStep.sync} reports it:
   * the step's arguments and a failure message of {@code messageChars} characters).
   */
  public void failStepsWithMessagesOf(int messageChars) {
    failStepMessageChars = messageChars;
  }

  /** Makes every creation fail as EMR does when a cluster cannot start. */
  public void failCreations(boolean fail) {
    failCreation = fail;
  }

  JsonNode create(JsonNode request) {
    createAttempts.incrementAndGet();
    synchronized (this) {
      if (throttleCreations > 0) {
        throttleCreations--;
        throw new AwsServiceError("ThrottlingException", "Rate exceeded");
      }
    }
    if (failCreation) {
      throw new AwsServiceError("States.TaskFailed", "Cluster terminated with errors: bootstrap action 1 failed");
    }
    for (String field : List.of("Name", "ReleaseLabel", "Instances", "ServiceRole", "JobFlowRole", "LogUri")) {
      if (!request.hasNonNull(field)) {
        throw new AwsServiceError("EMR.AmazonElasticMapReduceException", "ValidationException: missing " + field);
      }
    }
    String id = "j-LOCAL" + sequence.incrementAndGet();
    running.add(id);
    startedAt.put(id, System.nanoTime());
    return Json.object().put("ClusterId", id);
  }

  JsonNode addStep(JsonNode request) throws Exception {
    String clusterId = Json.text(request, "ClusterId");
    if (!running.contains(clusterId)) {
      throw new AwsServiceError("States.TaskFailed", "cluster " + clusterId + " is not running");
    }
    List<String> args = new ArrayList<>();
    request.path("Step").path("HadoopJarStep").path("Args").forEach(a -> args.add(a.asText()));
    int classIndex = args.indexOf("--class");
    String mainClass = classIndex < 0 ? "" : args.get(classIndex + 1);
    Optional<JobKind> kind = JobKind.fromEntryPoint(mainClass);
    if (args.isEmpty() || !args.get(0).equals("spark-submit") || kind.isEmpty()
        || !SparkJobKinds.of(kind.get()).entryPoint().getName().equals(mainClass)) {
      throw new AwsServiceError("States.TaskFailed", "not a spark-submit of a job kind's entry point: " + args);
    }
    steps.incrementAndGet();
    if (failStepMessageChars > 0) {
      throw new AwsServiceError("States.TaskFailed", describeFailedStep(request, failStepMessageChars));
    }
    // After --class X comes the jar, then the entry point's own arguments.
    String[] jobArgs = args.subList(classIndex + 3, args.size()).toArray(String[]::new);
    try {
      StepDocument step = StepRun.read(kind.get(), jobArgs, environment::readText);
      Files.createDirectories(stepLogs);
      try (PrintWriter log = new PrintWriter(Files.newBufferedWriter(stepLogs.resolve(step.runId() + ".log")))) {
        try {
          StepRun.run(spark, step, environment, log);
        } catch (Exception e) {
          e.printStackTrace(log); // as EMR keeps a failed step's trace in its log
          throw e;
        }
      }
    } catch (Exception e) {
      // EMR's answer to any failed step, whatever the cause: the state machine sees States.TaskFailed.
      throw new AwsServiceError("States.TaskFailed", "Step failed: " + Failures.describe(e));
    }
    return Json.object().put("StepId", "s-LOCAL" + sequence.incrementAndGet());
  }

  /** The step description EMR's DescribeStep gives of a failed step, as addStep.sync puts it in its cause. */
  private String describeFailedStep(JsonNode request, int messageChars) {
    ObjectNode step = Json.object();
    ObjectNode described = step.putObject("Step");
    described.put("Id", "s-LOCAL" + sequence.incrementAndGet()).put("Name", request.path("Step").path("Name").asText());
    described.putObject("Config").put("Jar", "command-runner.jar")
        .set("Args", request.path("Step").path("HadoopJarStep").path("Args"));
    described.put("ActionOnFailure", "CONTINUE");
    described.putObject("Status").put("State", "FAILED").putObject("FailureDetails")
        .put("Reason", "Unknown Error.").put("Message", "Exception in thread \"main\" " + "x".repeat(messageChars))
        .put("LogFile", "s3://tributary-data/emr-logs/j-LOCAL/steps/s-LOCAL/stderr.gz");
    return step.toString();
  }

  JsonNode terminate(JsonNode request) {
    String clusterId = Json.text(request, "ClusterId");
    running.remove(clusterId);
    terminated.add(clusterId);
    Long started = startedAt.remove(clusterId);
    if (started != null) {
      clusterNanos.addAndGet(System.nanoTime() - started);
    }
    return Json.object();
  }

  /** Clusters created and not terminated. */
  public Set<String> running() {
    return Set.copyOf(running);
  }

  /** Clusters terminated, in order. */
  public List<String> terminated() {
    return List.copyOf(terminated);
  }

  /** What the clusters did: clusters created, steps run, seconds from each creation to its termination. */
  public record Usage(int clusters, int steps, double clusterSeconds) {}

  /** What the clusters terminated so far did. */
  public Usage usage() {
    return new Usage(terminated.size() + running.size(), steps.get(), clusterNanos.get() / 1e9);
  }

  /** How many creations were asked for, throttled ones included. */
  public int createAttempts() {
    return createAttempts.get();
  }
}
