package io.tributary.local;

import io.tributary.core.config.JobConfig;
import io.tributary.core.history.RunRecord;
import io.tributary.core.run.WindowIngestion;
import io.tributary.core.secret.SecretSourceSpec;
import io.tributary.core.window.LoadWindow;
import io.tributary.spark.convert.ConversionWindowRun;
import io.tributary.spark.ingest.JdbcIngestion;
import io.tributary.spark.ingest.ParquetCodec;
import org.apache.spark.sql.SparkSession;

/** Runs a window of any job kind on local Spark: JDBC ingestion or conversion. */
final class LocalWindowRuns implements WindowIngestion {
  private final JdbcIngestion jdbc;
  private final ConversionWindowRun conversion;

  LocalWindowRuns(SparkSession spark, SecretSourceSpec secrets) {
    this.jdbc = new JdbcIngestion(spark, secrets, ParquetCodec.SNAPPY);
    this.conversion = new ConversionWindowRun(spark);
  }

  @Override
  public RunRecord ingest(JobConfig job, LoadWindow window, String runId) throws Exception {
    return switch (job.kind()) {
      case JDBC_INGEST -> jdbc.ingest(job, window, runId);
      case CONVERT -> conversion.ingest(job, window, runId);
    };
  }
}
