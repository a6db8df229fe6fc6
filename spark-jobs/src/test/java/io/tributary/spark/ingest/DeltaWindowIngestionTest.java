package io.tributary.spark.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.delta.tables.DeltaTable;
import io.tributary.core.config.JdbcOutputFormat;
import io.tributary.core.config.JobConfig;
import io.tributary.core.config.JobTableParser;
import io.tributary.core.history.RunRecord;
import io.tributary.core.kind.jdbc.ParquetCodec;
import io.tributary.core.window.LoadWindow;
import io.tributary.spark.cubic.DeltaKernelTable;
import io.tributary.spark.testing.LocalS3;
import io.tributary.spark.testing.TestPostgres;
import io.tributary.spark.testing.TestSpark;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code output_format=delta}: each JDBC window is one Delta commit replacing its {@code load_date} partition,
 * locally and through S3A against a local S3 server; Delta Kernel (no Spark) reads what the windows hold.
 */
class DeltaWindowIngestionTest {
  private static final Instant NOV_4 = Instant.parse("2018-11-04T00:00:00Z");

  @TempDir
  Path temp;

  @Test
  void eachWindowReplacesItsPartitionInOneCommitOnALocalLake() throws Exception {
    windowsReplaceTheirPartitions(temp.toUri().toString().replaceAll("/$", ""), temp.toString());
  }

  @Test
  void eachWindowReplacesItsPartitionInOneCommitThroughS3a() throws Exception {
    try (LocalS3 s3 = LocalS3.start(temp.resolve("buckets"))) {
      s3.configure(TestSpark.get().sparkContext().hadoopConfiguration());
      Path lake = s3.bucket("lake");
      windowsReplaceTheirPartitions("s3a://lake", lake.toString());
    }
  }

  /** Ingests two windows and reruns the first over changed source rows, checking the table after each. */
  private void windowsReplaceTheirPartitions(String lakeUri, String lakeOnDisk) throws Exception {
    TestPostgres pg = TestPostgres.get();
    pg.execute("DROP TABLE IF EXISTS delta_sales; CREATE TABLE delta_sales (id int, at timestamptz, amount int);"
        + "INSERT INTO delta_sales SELECT g, '2018-11-04 00:00:00+00'::timestamptz + (g % 48) * interval '1 hour',"
        + " g FROM generate_series(1, 480) g;");
    JobConfig job = job(lakeUri);
    assertEquals(JdbcOutputFormat.DELTA, job.jdbc().outputFormat());
    JdbcIngestion ingestion = new JdbcIngestion(TestSpark.get(), pg.secrets(), ParquetCodec.ZSTD);
    LoadWindow nov4 = job.window();
    LoadWindow nov5 = new LoadWindow(NOV_4.plus(Duration.ofDays(1)), NOV_4.plus(Duration.ofDays(2)));
    String table = lakeUri + "/postgres/delta_sales/original/incremental";
    String tableOnDisk = lakeOnDisk + "/postgres/delta_sales/original/incremental";

    RunRecord first = ingestion.ingest(job, nov4, "run-1");
    assertEquals(240, first.rowsRead());
    assertEquals(240, first.rowsWritten());
    assertTrue(first.bytesWritten() > 0, "bytes from the commit's metrics");
    try (var files = java.nio.file.Files.walk(Path.of(tableOnDisk))) {
      List<String> data = files.map(f -> f.getFileName().toString()).filter(n -> n.endsWith(".parquet")).toList();
      assertTrue(!data.isEmpty() && data.stream().allMatch(n -> n.endsWith(".zstd.parquet")),
          "the job's codec reaches Delta's writer: " + data);
    }
    ingestion.ingest(job, nov5, "run-2");
    assertEquals(Map.of("2018-11-04", 240L, "2018-11-05", 240L), rowsByDate(tableOnDisk));

    pg.execute("DELETE FROM delta_sales WHERE at < '2018-11-05' AND id % 3 = 0");
    RunRecord rerun = ingestion.ingest(job, nov4, "run-3");
    assertEquals(160, rerun.rowsWritten());
    assertEquals(Map.of("2018-11-04", 160L, "2018-11-05", 240L), rowsByDate(tableOnDisk),
        "the rerun replaced its own partition only");

    List<Row> history = DeltaTable.forPath(TestSpark.get(), table).history().orderBy("version")
        .select("version", "operation", "operationParameters").collectAsList();
    assertEquals(3, history.size(), "one commit per window run: " + history);
    for (Row commit : history) {
      assertEquals("WRITE", commit.getString(1));
    }
    assertEquals("load_date = '2018-11-04'", history.get(2).<String, String>getJavaMap(2).get("predicate"));
    Row versionOne = TestSpark.get().read().format("delta").option("versionAsOf", 1).load(table)
        .selectExpr("count(*)", "count(DISTINCT load_date)").first();
    assertEquals(480L, versionOne.getLong(0), "before the rerun, a reader sees both whole windows");
  }

  /** Rows per load_date as Delta Kernel, without Spark, reads the table. */
  private static Map<String, Long> rowsByDate(String table) throws Exception {
    Map<String, Long> counts = new TreeMap<>();
    for (List<String> row : DeltaKernelTable.rows(table, List.of("load_date", "id"))) {
      counts.merge(row.get(0), 1L, Long::sum);
    }
    return counts;
  }

  private static JobConfig job(String lake) {
    String content = "job_name|load_date|load_window_start|load_window_stop|job_flow_id|job_status|output_dir"
        + "|script_source|database_name|table_name|window_db_column|partition_by_col|lower_bound|upper_bound"
        + "|num_partitions|options\n"
        + String.join("|", "job_delta", "-", "2018-11-04 00:00:00", "2018-11-05 00:00:00", "-", "PENDING", lake,
            "jdbc-ingest", "postgres", "delta_sales", "at", "id", "1", "480", "2", "output_format=delta") + "\n";
    return JobTableParser.parse("test", content).get(0);
  }
}
