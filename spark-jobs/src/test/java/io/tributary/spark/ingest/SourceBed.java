package io.tributary.spark.ingest;

import io.tributary.aws.glue.GlueLakeCatalog;
import io.tributary.core.config.JobConfig;
import io.tributary.core.config.JobTableParser;
import io.tributary.core.kind.jdbc.ParquetCodec;
import io.tributary.core.run.CatchUpRun;
import io.tributary.core.testing.InMemoryStores;
import io.tributary.core.window.LoadWindow;
import io.tributary.core.window.WindowTime;
import io.tributary.spark.testing.TestPostgres;
import io.tributary.spark.testing.TestSpark;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.apache.spark.sql.Row;

/** One jdbc-ingest job over a PostgreSQL table, run window by window through {@link CatchUpRun} and in-memory stores. */
final class SourceBed {
  final TestPostgres pg = TestPostgres.get();
  final InMemoryStores stores = new InMemoryStores();
  /** The Glue catalog jobs naming {@code glue_database} register in. */
  final GlueCatalogDouble glue = new GlueCatalogDouble();
  final Path lake;
  final String table;

  SourceBed(Path lake, String table) {
    this.lake = lake;
    this.table = table;
  }

  /**
   * Creates the bed's table ({@code id bigint, at timestamptz, amount numeric(12,2)}, optionally indexed on
   * {@code at}) with one row a minute for {@code days} days from 2018-11-04.
   */
  SourceBed createMinuteTable(int days, boolean indexed) {
    pg.execute("DROP TABLE IF EXISTS " + table + "; CREATE TABLE " + table
        + " (id bigint, at timestamptz, amount numeric(12,2));"
        + (indexed ? " CREATE INDEX ON " + table + " (at);" : "")
        + " INSERT INTO " + table + " SELECT g, '2018-11-04'::timestamptz + (g || ' minutes')::interval, g / 100.0"
        + " FROM generate_series(0, " + days + " * 1440 - 1) g;");
    return this;
  }

  /** Loads the job: {@code table} by {@code at}, partitioned on {@code id}, from {@code first}, with {@code options}. */
  JobConfig job(LoadWindow first, String options) {
    return job(first, "at", options);
  }

  /** As above, windows by {@code windowColumn}. */
  JobConfig job(LoadWindow first, String windowColumn, String options) {
    String content = "job_name|load_date|load_window_start|load_window_stop|job_flow_id|job_status|output_dir"
        + "|script_source|database_name|table_name|window_db_column|partition_by_col|lower_bound|upper_bound"
        + "|num_partitions|options\n"
        + String.join("|", "job_" + table, "-", WindowTime.format(first.start()), WindowTime.format(first.stop()),
            "-", "PENDING", lake.toUri().toString(), "jdbc-ingest", "postgres", table, windowColumn, "id", "0", "1000", "2",
            options) + "\n";
    JobConfig job = JobTableParser.parse("test", content).get(0);
    stores.configs().load(List.of(job));
    return job;
  }

  /** The job as the job table holds it now. */
  JobConfig current() {
    return stores.configs().get("job_" + table).orElseThrow();
  }

  /** A catch-up run of at most {@code windows} windows per job, on the system clock. */
  CatchUpRun run(int windows) {
    return run(windows, Duration.ofMinutes(10));
  }

  /** As above, each run holding its window for {@code lease}. */
  CatchUpRun run(int windows, Duration lease) {
    return new CatchUpRun(stores.configs(), stores.history(),
        new JdbcIngestion(TestSpark.get(), pg.secrets(), ParquetCodec.SNAPPY, Clock.systemUTC(),
            database -> new GlueLakeCatalog(glue.client(), database)),
        Clock.systemUTC(), new CatchUpRun.Settings(windows, lease));
  }

  /** Every row in the lake's windows, read by Spark with schema merging. */
  List<Row> lakeRows() {
    return TestSpark.get().read().option("mergeSchema", "true").parquet(lake.resolve("postgres").resolve(table)
        .resolve("original").resolve("incremental").toString()).collectAsList();
  }
}
