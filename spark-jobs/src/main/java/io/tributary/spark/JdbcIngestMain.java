package io.tributary.spark;

import io.tributary.core.history.RunRecord;
import java.io.PrintWriter;
import org.apache.spark.sql.SparkSession;

/**
 * spark-submit entry point of the JDBC incremental job (one job, one window). Prints the run record as
 * {@code TRIBUTARY_RUN_RECORD {json}} and, with {@code --record-file}, writes it there too. Exits 2 on bad
 * arguments and 1 on a failed run.
 */
public final class JdbcIngestMain {
  /** The prefix of the line that carries the run record. */
  public static final String RECORD_PREFIX = StepRun.RECORD_PREFIX;

  private JdbcIngestMain() {}

  public static void main(String[] args) {
    StepRun.main("jdbc-ingest", args, a -> JdbcIngestArguments.parse(a).step());
  }

  /** Runs one window and reports its record (printed, and written to --record-file when given). */
  public static RunRecord run(SparkSession spark, JdbcIngestArguments arguments) throws Exception {
    return StepRun.run(spark, arguments.step(), new PrintWriter(System.out, true));
  }
}
