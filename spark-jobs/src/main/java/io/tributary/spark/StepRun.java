package io.tributary.spark;

import io.tributary.core.history.RunRecord;
import io.tributary.core.history.RunRecordJson;
import io.tributary.core.run.Failures;
import io.tributary.core.run.StepArguments;
import io.tributary.spark.storage.FileStores;
import java.io.PrintWriter;
import java.util.function.Function;
import org.apache.spark.sql.SparkSession;

/**
 * One job window's step, of any kind: runs it as its kind says ({@link SparkJobKinds}), then reports the run
 * record, printed as {@code TRIBUTARY_RUN_RECORD {json}} and written whole to {@code --record-file} when
 * given (where the state machine reads it).
 */
public final class StepRun {
  /** The prefix of the line that carries the run record. */
  public static final String RECORD_PREFIX = "TRIBUTARY_RUN_RECORD ";

  private StepRun() {}

  /** Runs the step in {@code spark}; throws when it failed (nothing is recorded then). */
  public static RunRecord run(SparkSession spark, StepArguments step, PrintWriter out) throws Exception {
    RunRecord record = SparkJobKinds.of(step.kind()).run(spark, step, out);
    String json = RunRecordJson.write(step.job().name(), step.window(), step.runId(), record);
    out.println(RECORD_PREFIX + json);
    out.flush();
    if (step.recordFile().isPresent()) {
      String uri = step.recordFile().get();
      FileStores.of(uri, spark.sparkContext().hadoopConfiguration()).writeText(uri, json);
    }
    return record;
  }

  /**
   * The {@code main} of an entry point running steps: parses with {@code parse} before Spark starts (exit 2
   * on bad arguments), runs, and exits 1 when the step failed.
   */
  static void main(String command, String[] args, Function<String[], StepArguments> parse) {
    StepArguments step;
    try {
      step = parse.apply(args);
    } catch (RuntimeException e) {
      System.err.println("tributary " + command + ": " + e.getMessage());
      System.exit(2);
      return;
    }
    SparkSession spark = SparkSession.builder().appName("tributary " + step.job().name()).getOrCreate();
    int exit = 0;
    try {
      run(spark, step, new PrintWriter(System.out, true));
    } catch (Exception e) {
      System.err.println("tributary " + command + " failed: " + Failures.describe(e));
      exit = 1;
    }
    spark.stop();
    System.exit(exit);
  }

  /** The {@code main} of an entry point running steps of {@code kind} only, named {@code entryPoint} in errors. */
  static void mainOf(io.tributary.core.config.JobKind kind, String entryPoint, String[] args) {
    main(kind.label(), args, a -> {
      StepArguments step = StepArguments.parse(a);
      if (step.kind() != kind) {
        throw new IllegalArgumentException("--job: '" + step.job().name() + "' is a " + step.kind().label()
            + " job; " + entryPoint + " runs " + kind.label() + " jobs");
      }
      return step;
    });
  }
}
