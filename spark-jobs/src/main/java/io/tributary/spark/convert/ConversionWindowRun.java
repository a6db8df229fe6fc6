package io.tributary.spark.convert;

import io.tributary.core.config.JobConfig;
import io.tributary.core.history.RunRecord;
import io.tributary.core.run.WindowIngestion;
import io.tributary.core.window.LoadWindow;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.apache.spark.sql.SparkSession;

/**
 * A convert job's window run in this JVM: converts the partitions meeting the window and reports the
 * counts as a run record; fails (naming each failed dataset) when any dataset failed.
 */
public final class ConversionWindowRun implements WindowIngestion {
  private final SparkSession spark;

  public ConversionWindowRun(SparkSession spark) {
    this.spark = spark;
  }

  @Override
  public RunRecord ingest(JobConfig job, LoadWindow window, String runId) throws Exception {
    Instant started = Instant.now();
    ConversionSummary summary = new ConversionJob(spark)
        .backfill(job.conversion().request(job.outputDir(), Optional.of(window)), runId);
    if (!summary.succeeded()) {
      throw new IllegalStateException(summary.failures().stream()
          .map(f -> f.dataset() + ": " + f.failure().orElse("")).toList().toString());
    }
    return new RunRecord(summary.rowsRead(), summary.rowsWritten(), summary.bytesWritten(), Optional.empty(),
        Optional.empty(), Duration.between(started, Instant.now()), job.outputDir().toString(), summary.rowsRejected());
  }
}
