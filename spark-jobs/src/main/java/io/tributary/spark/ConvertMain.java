package io.tributary.spark;

import io.tributary.core.convert.SourceChanges;
import io.tributary.core.history.RunRecord;
import io.tributary.core.history.RunRecordJson;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import io.tributary.core.run.Failures;
import io.tributary.spark.convert.ConversionJob;
import io.tributary.spark.convert.ConversionSummary;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.SparkSession;

/**
 * spark-submit entry point of format conversion (back-fill of a range, or live-fill of changed
 * objects). Prints the summary (rows read = written + rejected, per dataset) and, with
 * {@code --record-file}, writes it there as JSON. Exits 2 on bad arguments, 1 when any dataset failed.
 */
public final class ConvertMain {
  private ConvertMain() {}

  public static void main(String[] args) {
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
      ConversionSummary summary = run(spark, arguments, new java.io.PrintWriter(System.out, true));
      exit = summary.succeeded() ? 0 : 1;
    } catch (Exception e) {
      System.err.println("tributary convert failed: " + Failures.describe(e));
      exit = 1;
    }
    spark.stop();
    System.exit(exit);
  }

  /** Runs the conversion, prints its summary and writes the record file when asked. */
  public static ConversionSummary run(SparkSession spark, ConvertArguments arguments, java.io.PrintWriter out)
      throws Exception {
    Instant started = Instant.now();
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
    if (arguments.recordFile().isPresent()) {
      String json = arguments.jobWindow().isPresent()
          ? RunRecordJson.write(arguments.jobWindow().get().job().name(), arguments.jobWindow().get().window(),
              arguments.runId(), record(summary, arguments, started))
          : summary.toJson();
      Path path = new Path(arguments.recordFile().get());
      try (FSDataOutputStream file = path.getFileSystem(spark.sparkContext().hadoopConfiguration()).create(path, true)) {
        file.write(json.getBytes(StandardCharsets.UTF_8));
      }
    }
    return summary;
  }

  /** The run record of a job window: the summary's counts, the destination as output path. */
  public static RunRecord record(ConversionSummary summary, ConvertArguments arguments, Instant started) {
    return new RunRecord(summary.rowsRead(), summary.rowsWritten(), summary.bytesWritten(), Optional.empty(),
        Optional.empty(), Duration.between(started, Instant.now()), arguments.request().destination().toString(),
        summary.rowsRejected());
  }
}
