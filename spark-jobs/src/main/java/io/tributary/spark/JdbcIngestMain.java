package io.tributary.spark;

import io.tributary.core.history.RunRecord;
import io.tributary.core.history.RunRecordJson;
import io.tributary.core.run.Failures;
import io.tributary.spark.ingest.JdbcIngestion;
import java.nio.charset.StandardCharsets;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.SparkSession;

/**
 * spark-submit entry point of the JDBC incremental job (one job, one window). Prints the run record as
 * {@code TRIBUTARY_RUN_RECORD {json}} and, with {@code --record-file}, writes it there too. Exits 2 on bad
 * arguments and 1 on a failed run.
 */
public final class JdbcIngestMain {
  /** The prefix of the line that carries the run record. */
  public static final String RECORD_PREFIX = "TRIBUTARY_RUN_RECORD ";

  private JdbcIngestMain() {}

  public static void main(String[] args) {
    JdbcIngestArguments arguments;
    try {
      arguments = JdbcIngestArguments.parse(args);
    } catch (RuntimeException e) {
      System.err.println("tributary jdbc-ingest: " + e.getMessage());
      System.exit(2);
      return;
    }
    SparkSession spark = SparkSession.builder().appName("tributary " + arguments.job().name()).getOrCreate();
    try {
      run(spark, arguments);
    } catch (Exception e) {
      System.err.println("tributary jdbc-ingest failed: " + Failures.describe(e));
      spark.stop();
      System.exit(1);
    }
    spark.stop();
  }

  /** Runs one window and reports its record (printed, and written to --record-file when given). */
  public static RunRecord run(SparkSession spark, JdbcIngestArguments arguments) throws Exception {
    RunRecord record = new JdbcIngestion(spark, arguments.secrets(), arguments.codec())
        .ingest(arguments.job(), arguments.window(), arguments.runId());
    String json = RunRecordJson.write(arguments.job().name(), arguments.window(), arguments.runId(), record);
    System.out.println(RECORD_PREFIX + json);
    if (arguments.recordFile().isPresent()) {
      Path path = new Path(arguments.recordFile().get());
      try (FSDataOutputStream out = path.getFileSystem(spark.sparkContext().hadoopConfiguration()).create(path, true)) {
        out.write(json.getBytes(StandardCharsets.UTF_8));
      }
    }
    return record;
  }
}
