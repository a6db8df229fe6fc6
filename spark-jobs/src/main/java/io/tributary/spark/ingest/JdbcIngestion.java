package io.tributary.spark.ingest;

import io.tributary.core.kind.jdbc.ParquetCodec;
import io.tributary.core.config.JdbcOutputFormat;
import io.tributary.core.config.JobConfig;
import io.tributary.core.history.RunRecord;
import io.tributary.core.run.WindowIngestion;
import io.tributary.core.secret.SecretSourceSpec;
import io.tributary.core.window.LoadWindow;
import io.tributary.core.window.RawZoneLayout;
import io.tributary.spark.pg.PgWindowRead;
import io.tributary.spark.storage.ParquetFooters;
import java.time.Duration;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The JDBC incremental job: read the window from PostgreSQL in parallel binary COPYs, write it as Parquet
 * to staging, check that every row read was written, publish the window, and report a run record.
 */
public final class JdbcIngestion implements WindowIngestion {
  private static final Logger LOG = LoggerFactory.getLogger(JdbcIngestion.class);

  private final SparkSession spark;
  private final SecretSourceSpec secrets;
  private final ParquetCodec codec;

  public JdbcIngestion(SparkSession spark, SecretSourceSpec secrets, ParquetCodec codec) {
    this.spark = spark;
    this.secrets = secrets;
    this.codec = codec;
    // PostgreSQL dates are proleptic Gregorian, as Spark 3's: write them as they are, never rebased.
    spark.conf().set("spark.sql.parquet.datetimeRebaseModeInWrite", "CORRECTED");
    spark.conf().set("spark.sql.parquet.int96RebaseModeInWrite", "CORRECTED");
  }

  @Override
  public RunRecord ingest(JobConfig job, LoadWindow window, String runId) throws Exception {
    if (job.jdbc().outputFormat() == JdbcOutputFormat.DELTA) {
      return ingestDelta(job, window);
    }
    long started = System.nanoTime();
    WindowCommit commit = WindowCommit.begin(spark.sparkContext().hadoopConfiguration(),
        RawZoneLayout.incrementalRoot(job), RawZoneLayout.windowPartition(window), runId);
    spark.sparkContext().setJobDescription("tributary " + job.name() + " " + window);
    try (PgWindowRead read = PgWindowRead.open(spark, secrets, job.jdbc(), window)) {
      read.rows().write().mode(SaveMode.ErrorIfExists)
          .option("compression", codec.sparkName())
          .parquet(commit.stagingPath());
      ParquetFooters.Contents staged = commit.stagedFiles();
      if (staged.rows() != read.rowsRead()) {
        throw new IllegalStateException("read " + read.rowsRead() + " rows but staged " + staged.rows()
            + "; window not published");
      }
      commit.publish();
      RunRecord record = new RunRecord(read.rowsRead(), staged.rows(), staged.bytes(),
          read.windowColumnMin(), read.windowColumnMax(),
          Duration.ofNanos(System.nanoTime() - started), commit.targetPath());
      LOG.info("job {} window {}: {} rows, {} bytes in {} files -> {}", job.name(), window,
          record.rowsWritten(), record.bytesWritten(), staged.files(), record.outputPath());
      return record;
    } catch (Exception e) {
      commit.abandon();
      throw e;
    } finally {
      spark.sparkContext().setJobDescription(null);
    }
  }

  /** The window as one Delta commit replacing its partition of the job's table; nothing to stage or publish. */
  private RunRecord ingestDelta(JobConfig job, LoadWindow window) throws Exception {
    long started = System.nanoTime();
    DeltaWindowWrite delta = new DeltaWindowWrite(spark, RawZoneLayout.incrementalRoot(job), window);
    spark.sparkContext().setJobDescription("tributary " + job.name() + " " + window);
    try (PgWindowRead read = PgWindowRead.open(spark, secrets, job.jdbc(), window)) {
      DeltaWindowWrite.Committed committed = delta.write(read.rows(), codec);
      if (committed.rows() != read.rowsRead()) {
        throw new IllegalStateException("read " + read.rowsRead() + " rows but Delta version " + committed.version()
            + " of " + delta.table() + " wrote " + committed.rows() + "; rerun the window to replace it");
      }
      RunRecord record = new RunRecord(read.rowsRead(), committed.rows(), committed.bytes(),
          read.windowColumnMin(), read.windowColumnMax(), Duration.ofNanos(System.nanoTime() - started),
          RawZoneLayout.windowDirectory(job, window));
      LOG.info("job {} window {}: {} rows, {} bytes in {} files -> Delta version {} of {}", job.name(), window,
          record.rowsWritten(), record.bytesWritten(), committed.files(), committed.version(), delta.table());
      return record;
    } finally {
      spark.sparkContext().setJobDescription(null);
    }
  }
}
