package io.tributary.spark;

import io.tributary.core.convert.SourceChanges;
import io.tributary.core.run.Failures;
import io.tributary.spark.convert.ConversionJob;
import io.tributary.spark.convert.ConversionSummary;
import io.tributary.spark.storage.FileStores;
import java.io.PrintWriter;
import java.time.Clock;
import org.apache.spark.sql.SparkSession;

/**
 * spark-submit entry point of format conversion (back-fill of a range, or live-fill of changed
 * objects). Prints the summary (rows read = written + rejected, per dataset). A convert job's step
 * ({@code --job ...}) reports its run record like every kind's ({@link StepRun}); a conversion given by
 * flags writes the summary as JSON to {@code --record-file}. Exits 2 on bad arguments, 1 when any dataset
 * failed.
 */
public final class ConvertMain {
  private ConvertMain() {}

  public static void main(String[] args) {
    if (java.util.Arrays.asList(args).contains("--job")) {
      StepRun.main("convert", args, a -> ConvertArguments.parse(a).step().orElseThrow());
      return;
    }
    ConvertArguments arguments;
    try {
      arguments = ConvertArguments.parse(args);
    } catch (RuntimeException e) {
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
      System.err.println("tributary convert failed: " + Failures.describe(e));
      exit = 1;
    }
    spark.stop();
    System.exit(exit);
  }

  /** Runs the conversion, prints its summary and writes it as JSON to the record file when asked. */
  public static ConversionSummary run(SparkSession spark, ConvertArguments arguments, PrintWriter out)
      throws Exception {
    ConversionSummary summary = convert(spark, arguments, out);
    if (arguments.recordFile().isPresent()) {
      String uri = arguments.recordFile().get();
      FileStores.of(uri, spark.sparkContext().hadoopConfiguration()).writeText(uri, summary.toJson());
    }
    return summary;
  }

  /** Runs the conversion (back-fill, or live-fill of the changed objects) and prints its summary. */
  static ConversionSummary convert(SparkSession spark, ConvertArguments arguments, PrintWriter out)
      throws Exception {
    ConversionJob job = new ConversionJob(spark, arguments.memoryBudgetBytes(), Clock.systemUTC());
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
