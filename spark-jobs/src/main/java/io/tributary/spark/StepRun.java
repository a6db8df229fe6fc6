package io.tributary.spark;

import io.tributary.aws.AwsClients;
import io.tributary.core.config.JobKind;
import io.tributary.core.history.RunRecord;
import io.tributary.core.history.RunRecordJson;
import io.tributary.core.history.TextObjects;
import io.tributary.core.run.StepDocument;
import io.tributary.core.run.WindowNotSettledException;
import io.tributary.storage.FileStores;
import java.io.IOException;
import java.io.PrintWriter;
import java.time.Clock;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.SparkSession;

/**
 * One job window's step, of any kind: runs it as its kind says ({@link SparkJobKinds}), then reports the run
 * record, printed as {@code TRIBUTARY_RUN_RECORD {json}} and written whole to the document's record file when
 * it names one (where the state machine reads it). A window whose source has not settled is reported the same way,
 * as {@code "waiting"}, and its step exits 0: waiting is an outcome, not a failure.
 */
public final class StepRun {
  /** The prefix of the line that carries the run record. */
  public static final String RECORD_PREFIX = "TRIBUTARY_RUN_RECORD ";

  private StepRun() {}

  /** Runs the step in {@code spark} with {@code environment}; throws when it failed (nothing is recorded then). */
  public static RunRecord run(SparkSession spark, StepDocument step, StepEnvironment environment, PrintWriter out)
      throws Exception {
    RunRecord record;
    try {
      record = SparkJobKinds.of(step.kind()).run(spark, step, environment, out);
    } catch (WindowNotSettledException e) {
      report(step, environment, out, RunRecordJson.writeWaiting(step.job().name(), step.window(), step.runId(),
          e.getMessage()));
      throw e;
    }
    report(step, environment, out, RunRecordJson.write(step.job().name(), step.window(), step.runId(), record));
    return record;
  }

  private static void report(StepDocument step, StepEnvironment environment, PrintWriter out, String json)
      throws IOException {
    out.println(RECORD_PREFIX + json);
    out.flush();
    if (step.recordFile().isPresent()) {
      String uri = step.recordFile().get();
      environment.files(uri).writeText(uri, json);
    }
  }

  /**
   * The step of {@code kind}'s entry point's arguments {@code args} ({@code --step <document>}, or
   * {@code --step-file <uri>} read through {@code objects}); throws IllegalArgumentException when they are neither
   * or the document's job is of another kind.
   */
  public static StepDocument read(JobKind kind, String[] args, TextObjects objects) {
    StepDocument step = StepDocument.fromArgs(args, objects);
    if (step.kind() != kind) {
      throw new IllegalArgumentException("'" + step.job().name() + "' is a " + step.kind().label() + " job; "
          + SparkJobKinds.of(kind).entryPoint().getSimpleName() + " runs " + kind.label() + " jobs");
    }
    return step;
  }

  /**
   * The {@code main} of {@code kind}'s entry point, {@code --step <document>}: reads the document before Spark
   * starts (exit 2 when it is bad or of another kind), builds the step's environment as the cluster gives it
   * (the session's Hadoop configuration, the system clock, AWS clients from the SDK's defaults, the process
   * environment), runs, and exits 1 with the failure's trace when the step failed.
   */
  static void main(JobKind kind, String[] args) {
    StepDocument step;
    try {
      // Before Spark starts: the document's object is read with the cluster's Hadoop configuration.
      Configuration hadoop = new Configuration();
      step = read(kind, args, uri -> FileStores.readText(uri, hadoop));
    } catch (IllegalArgumentException e) {
      System.err.println("tributary " + kind.label() + ": " + e.getMessage());
      System.exit(2);
      return;
    }
    SparkSession spark = SparkSession.builder().appName("tributary " + step.job().name()).getOrCreate();
    int exit = 0;
    try (AwsClients clients = AwsClients.fromDefaults()) {
      StepEnvironment environment = new StepEnvironment(spark.sparkContext().hadoopConfiguration(),
          Clock.systemUTC(), clients, System.getenv());
      run(spark, step, environment, new PrintWriter(System.out, true));
    } catch (WindowNotSettledException e) {
      // Not a failure: the report says the window waits, and the orchestration records it so.
      System.err.println("tributary " + kind.label() + ": window waits: " + e.getMessage());
    } catch (Exception e) {
      // The process boundary: whatever failed, the step exits non-zero with the whole trace in its log.
      System.err.println("tributary " + kind.label() + " failed:");
      e.printStackTrace();
      exit = 1;
    }
    spark.stop();
    System.exit(exit);
  }
}
