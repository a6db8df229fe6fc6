package io.tributary.spark.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.tributary.core.config.JobConfig;
import io.tributary.core.history.RunRecord;
import io.tributary.core.kind.jdbc.ParquetCodec;
import io.tributary.spark.pg.PgReadPlan;
import io.tributary.spark.pg.PgWindowRead;
import io.tributary.spark.testing.TestPostgres;
import io.tributary.spark.testing.TestSpark;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * With its window column indexed, a window is read as ranges of the window (one per partition), otherwise as
 * strides of the partition column: either way each row of the window exactly once, rows on the ranges' bounds
 * included, nothing outside the window.
 */
class WindowRangeReadTest {
  static TestPostgres pg;
  static SparkSession spark;

  @BeforeAll
  static void setUp() {
    pg = TestPostgres.get();
    spark = TestSpark.get();
  }

  @ParameterizedTest
  @ValueSource(booleans = {true, false})
  void everyRowOfTheWindowOnceWhetherSplitByRangesOrStrides(boolean indexed, @TempDir Path lake) throws Exception {
    String table = indexed ? "ranged_indexed" : "ranged_plain";
    pg.execute("DROP TABLE IF EXISTS " + table + ";"
        + " CREATE TABLE " + table + " (id int, at timestamptz, quarter int);"
        // one row a minute over three days around the window, so every range bound (00:00, 06:00, 12:00,
        // 18:00 and the stop) has a row exactly on it; quarter outside the configured bounds and null too
        + " INSERT INTO " + table + " SELECT g, '2018-11-03'::timestamptz + (g || ' minutes')::interval,"
        + "   CASE WHEN g % 17 = 0 THEN NULL ELSE g % 1500 END FROM generate_series(0, 4319) g;"
        + (indexed ? " CREATE INDEX ON " + table + " (at);" : "")
        + " ANALYZE " + table + ";");
    JobConfig job = AllTypesIngestionTest.job(lake, table, "at", "quarter", 1, 1000, 4);

    try (PgWindowRead read = PgWindowRead.open(spark, pg.secrets(), job.jdbc(), job.window())) {
      assertEquals(indexed ? PgReadPlan.Split.WINDOW_RANGES : PgReadPlan.Split.PARTITION_COLUMN, read.plan().split());
      assertEquals(4, read.plan().statements().size());
    }
    RunRecord record = new JdbcIngestion(spark, pg.secrets(), ParquetCodec.SNAPPY).ingest(job, job.window(), "run");

    List<Integer> ids = spark.read().parquet(record.outputPath()).select("id").orderBy("id").collectAsList().stream()
        .map(r -> r.getInt(0)).toList();
    // 2018-11-04 00:00 is minute 1440 of the table; the window holds the day's 1440 minutes.
    assertEquals(java.util.stream.IntStream.range(1440, 2880).boxed().toList(), ids);
    assertEquals(1440, record.rowsRead());
    assertEquals(1440, record.rowsWritten());
  }
}
