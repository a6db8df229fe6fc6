package io.tributary.spark.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * A window the database finds through an index is read as ranges of the window (one per partition); one it
 * scans (no index, or the window is the whole table) as strides of the partition column: either way each row of
 * the window exactly once, rows on the ranges' bounds included, nothing outside the window.
 */
class WindowRangeReadTest {
  static TestPostgres pg;
  static SparkSession spark;

  @BeforeAll
  static void setUp() {
    pg = TestPostgres.get();
    spark = TestSpark.get();
  }

  /** How the table is made, and how its window should then be split. */
  enum Table {
    /** 60 days, a window of one, indexed: the database finds the window through the index. */
    INDEXED_WINDOW_SMALL_PART_OF_TABLE(60, true, PgReadPlan.Split.WINDOW_RANGES),
    /** The window is all of the table: the database scans it even though it is indexed. */
    INDEXED_WINDOW_IS_THE_TABLE(1, true, PgReadPlan.Split.PARTITION_COLUMN),
    /** No index: every partition filters the whole window. */
    NOT_INDEXED(60, false, PgReadPlan.Split.PARTITION_COLUMN);

    final int days;
    final boolean indexed;
    final PgReadPlan.Split split;

    Table(int days, boolean indexed, PgReadPlan.Split split) {
      this.days = days;
      this.indexed = indexed;
      this.split = split;
    }
  }

  @ParameterizedTest
  @EnumSource(Table.class)
  void everyRowOfTheWindowOnceWhetherSplitByRangesOrStrides(Table shape, @TempDir Path lake) throws Exception {
    String table = "ranged_" + shape.name().toLowerCase(java.util.Locale.ROOT);
    // one row a minute from 2018-11-04 minus (days - 1) / 2 days, so the window's day is inside; every range
    // bound (00:00, 06:00, 12:00, 18:00 and the stop) has a row exactly on it; quarter out of bounds and null too
    int before = (shape.days - 1) / 2;
    pg.execute("DROP TABLE IF EXISTS " + table + ";"
        + " CREATE TABLE " + table + " (id int, at timestamptz, quarter int);"
        + " INSERT INTO " + table + " SELECT g, '2018-11-04'::timestamptz - interval '" + before + " days'"
        + "   + (g || ' minutes')::interval, CASE WHEN g % 17 = 0 THEN NULL ELSE g % 1500 END"
        + "   FROM generate_series(0, " + (shape.days * 1440 - 1) + ") g;"
        + (shape.indexed ? " CREATE INDEX ON " + table + " (at);" : "")
        + " ANALYZE " + table + ";");
    JobConfig job = AllTypesIngestionTest.job(lake, table, "at", "quarter", 1, 1000, 4);

    try (PgWindowRead read = PgWindowRead.open(spark, pg.secrets(), job.jdbc(), job.window())) {
      assertEquals(shape.split, read.plan().split());
      assertEquals(4, read.plan().statements().size());
      assertTrue(read.oneSnapshot(), "the partitions share one exported snapshot");
    }
    RunRecord record = new JdbcIngestion(spark, pg.secrets(), ParquetCodec.SNAPPY).ingest(job, job.window(), "run");

    List<Integer> ids = spark.read().parquet(record.outputPath()).select("id").orderBy("id").collectAsList().stream()
        .map(r -> r.getInt(0)).toList();
    // 2018-11-04 00:00 is minute before * 1440 of the table; the window holds the day's 1440 minutes.
    assertEquals(java.util.stream.IntStream.range(before * 1440, before * 1440 + 1440).boxed().toList(), ids);
    assertEquals(1440, record.rowsRead());
    assertEquals(1440, record.rowsWritten());
  }
}
