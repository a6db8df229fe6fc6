package io.tributary.spark;

import io.tributary.convert.Conversion;
import io.tributary.convert.ConversionSummary;
import io.tributary.core.config.JobKind;
import io.tributary.core.convert.SourceChanges;
import io.tributary.core.history.RunRecord;
import io.tributary.core.run.StepDocument;
import io.tributary.spark.convert.ConversionJob;
import io.tributary.storage.Storage;
import java.io.PrintWriter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.apache.spark.sql.SparkSession;

/**
 * spark-submit entry point of format conversion (back-fill of a range, or live-fill of changed
 * objects). Prints the summary (rows read = written + rejected, per dataset). A convert job's step
 * ({@code --step <document>}) reports its run record like every kind's ({@link StepRun}); a conversion given by
 * flags writes the summary as JSON to {@code --record-file}. Exits 2 on bad arguments, 1 when any dataset
 * failed.
 */
public final class ConvertMain {
  private ConvertMain() {}

  public static void main(String[] args) {
    if (args.length > 0 && args[0].equals(StepDocument.FLAG)) {
      StepRun.main(JobKind.CONVERT, args);
      return;
    }
    ConvertArguments arguments;
    try {
      arguments = ConvertArguments.parse(args);
    } catch (IllegalArgumentException e) {
      System.err.println("tributary convert: " + e.getMessage());
      System.exit(2);
      return;
    }
    SparkSession spark = SparkSession.builder().appName("tributary convert " + arguments.runId()).getOrCreate();
    int exit;
    try {
      ConversionSummary summary = run(spark, arguments, new PrintWriter(System.out, true));
      exit = summary.succeeded() ? 0 : 1;
    } catch (Exception e) {
      // The process boundary: whatever failed, the conversion exits non-zero with its whole trace.
      System.err.println("tributary convert failed:");
      e.printStackTrace();
      exit = 1;
    }
    spark.stop();
    System.exit(exit);
  }

  /** Runs the conversion, prints its summary and writes it as JSON to the record file when asked. */
  public static ConversionSummary run(SparkSession spark, ConvertArguments arguments, PrintWriter out)
      throws Exception {
    return run(ConversionJob.conversion(spark, arguments.memoryBudgetBytes(), Clock.systemUTC()),
        Storage.hadoop(spark.sparkContext().hadoopConfiguration()), arguments, out);
  }

  /**
   * Runs the conversion with {@code conversion} (its units on Spark, or in this JVM), prints its summary and writes
   * it as JSON to the record file, through {@code storage}, when asked.
   */
  public static ConversionSummary run(Conversion conversion, Storage storage, ConvertArguments arguments,
      PrintWriter out) throws Exception {
    ConversionSummary summary = convert(conversion, arguments, out);
    if (arguments.recordFile().isPresent()) {
      String uri = arguments.recordFile().get();
      storage.store(uri).writeText(uri, summary.toJson());
    }
    return summary;
  }

  /** Runs a convert job's window (or its live-fill's changed objects) and returns the step's run record. */
  static RunRecord runStep(SparkSession spark, StepDocument step, StepEnvironment environment, PrintWriter out)
      throws Exception {
    Instant started = environment.clock().instant();
    ConvertArguments arguments = ConvertArguments.forStep(step);
    ConversionSummary summary = convert(ConversionJob.conversion(spark, arguments.memoryBudgetBytes(),
        environment.clock()), arguments, out).requireSucceeded();
    return summary.runRecord(step.job().outputDir().toString(),
        Duration.between(started, environment.clock().instant()));
  }

  /** Runs the conversion (back-fill, or live-fill of the changed objects) and prints its summary. */
  static ConversionSummary convert(Conversion job, ConvertArguments arguments, PrintWriter out) throws Exception {
    ConversionSummary summary;
    if (arguments.changedObjects().isEmpty()) {
      summary = job.backfill(arguments.request(), arguments.runId());
    } else {
      SourceChanges changes = SourceChanges.of(arguments.request().source(), arguments.request().sourceLayout(),
          arguments.changedObjects());
      changes.ignored().forEach(reason -> out.println("ignored: " + reason));
      summary = job.liveFill(arguments.request(), changes.changedDays(), arguments.runId());
    }
    out.print(summary.render());
    out.flush();
    return summary;
  }
}
