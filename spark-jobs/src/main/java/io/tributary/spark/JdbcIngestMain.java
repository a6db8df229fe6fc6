package io.tributary.spark;

import io.tributary.core.config.JobKind;
import io.tributary.core.history.RunRecord;
import io.tributary.core.kind.jdbc.JdbcSettings;
import io.tributary.core.run.StepDocument;
import io.tributary.spark.ingest.JdbcIngestion;
import java.io.PrintWriter;
import org.apache.spark.sql.SparkSession;

/**
 * spark-submit entry point of the JDBC incremental job (one job, one window): {@code --step <document>}.
 * Prints the run record as {@code TRIBUTARY_RUN_RECORD {json}} and writes it to the document's record file.
 * Exits 2 on a bad document and 1 on a failed run.
 */
public final class JdbcIngestMain {
  private JdbcIngestMain() {}

  public static void main(String[] args) {
    StepRun.main(JobKind.JDBC_INGEST, args);
  }

  /**
   * Runs one window: credentials from the document's secret source, Parquet in the deployment's codec, the job's
   * earlier windows (to count again and compare schemas with) from the document, tables registered in the Glue
   * database the job names.
   */
  static RunRecord run(SparkSession spark, StepDocument step, StepEnvironment environment, PrintWriter out)
      throws Exception {
    return new JdbcIngestion(spark, step.secrets(), step.settings(JdbcSettings.class).codec(), environment.clock(),
        environment.catalogs()).ingest(step.job(), step.window(), step.runId(), step.earlier());
  }
}
