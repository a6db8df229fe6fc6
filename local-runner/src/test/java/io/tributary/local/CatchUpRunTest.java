package io.tributary.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tributary.core.config.JobConfig;
import io.tributary.core.config.JobStatus;
import io.tributary.core.config.JobTableParser;
import io.tributary.core.history.JobRun;
import io.tributary.core.history.RunStatus;
import io.tributary.core.run.CatchUpRun;
import io.tributary.core.run.WindowOutcome;
import io.tributary.core.window.LoadWindow;
import io.tributary.core.window.WindowTime;
import io.tributary.spark.ingest.JdbcIngestion;
import io.tributary.core.kind.jdbc.ParquetCodec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Properties;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The scheduler loop on real components: DynamoDB Local, embedded PostgreSQL, local Spark. */
class CatchUpRunTest {
  static final int ROWS = 4_000;
  static final int DAYS = 4;
  static LocalPostgres postgres;
  static LocalStores stores;
  static SparkSession spark;
  @TempDir static Path work;
  @TempDir Path lake;

  @BeforeAll
  static void start() throws Exception {
    System.setProperty("spark.master", "local[2]");
    postgres = LocalPostgres.start("sales", work);
    try (Connection connection = postgres.connect()) {
      SampleTables.create(connection, ROWS, DAYS);
    }
    stores = LocalStores.start();
    spark = LocalSpark.start("catch-up-test");
  }

  @AfterAll
  static void stop() throws Exception {
    stores.close();
    postgres.close();
  }

  @BeforeEach
  void freshJobTable() {
    stores.configs().load(List.of()); // disables whatever an earlier test loaded
  }

  List<JobConfig> jobs(String... rows) {
    StringBuilder text = new StringBuilder("job_name|load_date|load_window_start|load_window_stop|job_flow_id"
        + "|job_status|output_dir|script_source|database_name|table_name|window_db_column|partition_by_col"
        + "|lower_bound|upper_bound|num_partitions\n");
    for (String row : rows) {
      text.append(row.replace("LAKE", lake.toUri().toString())).append('\n');
    }
    return JobTableParser.parse("test-config.txt", text.toString());
  }

  CatchUpRun run(Instant now, int maxWindows) {
    return new CatchUpRun(stores.configs(), stores.history(),
        new JdbcIngestion(spark, postgres.secrets(), ParquetCodec.SNAPPY),
        Clock.fixed(now, ZoneOffset.UTC), new CatchUpRun.Settings(maxWindows, Duration.ofHours(1)));
  }

  static final String DEPOSIT = "%s|-|2018-11-01 00:00:00|2018-11-02 00:00:00|-|PENDING|LAKE|jdbc-ingest|sales"
      + "|deposits|shipmt_date_tstmp|quarter|1|1000|3";

  @Test
  void threeMissedWindowsAreCaughtUpInOrder() {
    String name = "deposit_catchup";
    stores.configs().load(jobs(DEPOSIT.formatted(name)));

    List<WindowOutcome> outcomes = run(WindowTime.parse("2018-11-04 00:00:00"), 10).runAll();

    assertEquals(List.of("2018-11-01", "2018-11-02", "2018-11-03"),
        outcomes.stream().map(o -> o.window().start().toString().substring(0, 10)).toList());
    assertTrue(outcomes.stream().allMatch(o -> o.result() == WindowOutcome.Result.SUCCEEDED), outcomes::toString);
    JobConfig stored = stores.configs().get(name).orElseThrow();
    assertEquals(WindowTime.parse("2018-11-04 00:00:00"), stored.window().start(), "rotated past the three windows");
    assertEquals(JobStatus.SUCCEEDED, stored.state().status());
    List<JobRun> history = stores.history().runs(name);
    assertEquals(3, history.size());
    assertTrue(history.stream().allMatch(r -> r.status() == RunStatus.SUCCEEDED
        && r.result().orElseThrow().rowsWritten() == ROWS / DAYS), history::toString);
    for (WindowOutcome outcome : outcomes) {
      LoadWindow window = outcome.window();
      // Micros since the epoch: the shared session may hand timestamps out as Timestamp or as Instant.
      List<Row> rows = spark.read().parquet(outcome.record().orElseThrow().outputPath())
          .selectExpr("unix_micros(shipmt_date_tstmp) AS micros").collectAsList();
      assertEquals(ROWS / DAYS, rows.size());
      assertTrue(rows.stream().allMatch(r -> window.contains(Instant.EPOCH.plus(r.getLong(0), ChronoUnit.MICROS))),
          "every row of " + window + " lies in it");
    }
  }

  @Test
  void catchUpIsCappedPerRunAndNeverRunsAnOpenWindow() {
    String name = "deposit_capped";
    stores.configs().load(jobs(DEPOSIT.formatted(name)));

    List<WindowOutcome> capped = run(WindowTime.parse("2018-11-09 00:00:00"), 2).runAll();
    List<WindowOutcome> open = run(WindowTime.parse("2018-11-03 23:59:59"), 10).runAll();

    assertEquals(2, capped.size());
    assertEquals(List.of(), open, "[11-03, 11-04) has not closed yet");
    assertEquals(WindowTime.parse("2018-11-03 00:00:00"), stores.configs().get(name).orElseThrow().window().start());
  }

  @Test
  void failedJobKeepsItsWindowAndOthersStillRun() throws Exception {
    stores.configs().load(jobs(DEPOSIT.formatted("good"),
        "broken|-|2018-11-01 00:00:00|2018-11-02 00:00:00|-|PENDING|LAKE|jdbc-ingest|sales|no_such_table"
            + "|shipmt_date_tstmp|quarter|1|1000|2"));

    List<WindowOutcome> outcomes = run(WindowTime.parse("2018-11-03 00:00:00"), 10).runAll();

    WindowOutcome broken = outcomes.stream().filter(o -> o.jobName().equals("broken")).findFirst().orElseThrow();
    assertEquals(WindowOutcome.Result.FAILED, broken.result());
    assertEquals(1, outcomes.stream().filter(o -> o.jobName().equals("broken")).count(), "stops at first failure");
    assertEquals(2, outcomes.stream().filter(o -> o.jobName().equals("good")
        && o.result() == WindowOutcome.Result.SUCCEEDED).count());
    JobConfig stored = stores.configs().get("broken").orElseThrow();
    assertEquals(WindowTime.parse("2018-11-01 00:00:00"), stored.window().start());
    assertEquals(JobStatus.FAILED, stored.state().status());
    JobRun failed = stores.history().runs("broken").get(0);
    assertEquals(RunStatus.FAILED, failed.status());
    String error = failed.error().orElseThrow();
    assertTrue(error.contains("no_such_table"), error);
    assertFalse(error.contains(password()), "the password never reaches history");
    assertFalse(Files.exists(lake.resolve("sales/no_such_table/original/incremental/load_date=2018-11-01")));
  }

  @Test
  void windowHeldByAnotherRunIsSkippedNotRunTwice() {
    String name = "deposit_busy";
    stores.configs().load(jobs(DEPOSIT.formatted(name)));
    JobConfig job = stores.configs().get(name).orElseThrow();
    Instant now = WindowTime.parse("2018-11-02 00:00:00");
    stores.history().start(name, job.window(), "scheduled-run", now, Duration.ofHours(1));

    List<WindowOutcome> outcomes = run(now, 10).runAll();

    assertEquals(List.of(WindowOutcome.Result.SKIPPED_BUSY), outcomes.stream().map(WindowOutcome::result).toList());
    assertTrue(outcomes.get(0).error().orElseThrow().contains("scheduled-run"));
    assertEquals(job.window(), stores.configs().get(name).orElseThrow().window());
    assertEquals(1, stores.history().runs(name).size());
  }

  @Test
  void emptyWindowIsRecordedAsASuccessWithZeroRows() {
    String name = "deposit_empty";
    stores.configs().load(jobs(DEPOSIT.formatted(name)
        .replace("2018-11-01 00:00:00|2018-11-02 00:00:00", "2018-11-07 00:00:00|2018-11-08 00:00:00")));

    List<WindowOutcome> outcomes = run(WindowTime.parse("2018-11-08 00:00:00"), 10).runAll();

    assertEquals(List.of(WindowOutcome.Result.SUCCEEDED), outcomes.stream().map(WindowOutcome::result).toList());
    JobRun run = stores.history().runs(name).get(0);
    assertEquals(RunStatus.SUCCEEDED, run.status());
    assertEquals(0, run.result().orElseThrow().rowsWritten());
    assertEquals(java.util.Optional.empty(), run.result().orElseThrow().windowColumnMin());
    assertEquals(WindowTime.parse("2018-11-08 00:00:00"), stores.configs().get(name).orElseThrow().window().start());
  }

  private static String password() throws Exception {
    Properties properties = new Properties();
    try (var reader = Files.newBufferedReader(work.resolve("db.properties"))) {
      properties.load(reader);
    }
    return properties.getProperty("password");
  }
}
