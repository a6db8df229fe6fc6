package io.tributary.spark.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tributary.core.config.JobConfig;
import io.tributary.core.config.JobStatus;
import io.tributary.core.history.JobRun;
import io.tributary.core.history.RunStatus;
import io.tributary.core.run.WindowNotSettledException;
import io.tributary.core.run.WindowOutcome;
import io.tributary.core.testing.StoreFaults;
import io.tributary.core.window.LoadWindow;
import io.tributary.spark.pg.PgOpenTransactions;
import io.tributary.spark.pg.SourceSettle;
import io.tributary.spark.testing.TestPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A window closes only when the source can no longer add to it, and late rows are found and loaded: against
 * PostgreSQL, with transactions held open on their own connections as an application's would be.
 */
class NoRowLeftBehindTest {
  private static final Instant NOV4 = Instant.parse("2018-11-04T00:00:00Z");
  private static final LoadWindow DAY = new LoadWindow(NOV4, NOV4.plus(Duration.ofDays(1)));

  @Test
  void aTransactionOpenAcrossTheWindowsStopIsWaitedForOrLeavesTheWindowWaiting(@TempDir Path lake) throws Exception {
    SourceBed bed = new SourceBed(lake, "open_deposits");
    bed.pg.execute("""
        DROP TABLE IF EXISTS open_deposits;
        CREATE TABLE open_deposits (id bigint, at timestamptz DEFAULT now(), amount numeric(12,2));
        CREATE INDEX ON open_deposits (at);
        INSERT INTO open_deposits SELECT g, now() - interval '10 minutes', g FROM generate_series(1, 100) g;
        """);
    Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    LoadWindow window = new LoadWindow(now.minus(Duration.ofHours(1)), now.plusSeconds(2));
    bed.job(window, "settle_seconds=1");
    try (Connection writer = bed.pg.connect()) {
      writer.setAutoCommit(false);
      int pid;
      try (Statement statement = writer.createStatement()) {
        ResultSet row = statement.executeQuery("SELECT pg_backend_pid()");
        row.next();
        pid = row.getInt(1);
        statement.execute("INSERT INTO open_deposits (id, amount) SELECT g, 1 FROM generate_series(101, 125) g");
      }
      Thread.sleep(Duration.between(Instant.now(), window.stop()).toMillis() + 200);

      List<WindowOutcome> waited = bed.run(5).runJob(bed.current());
      assertEquals(List.of(WindowOutcome.Result.WAITING), waited.stream().map(WindowOutcome::result).toList());
      String reason = waited.get(0).error().orElseThrow();
      assertTrue(reason.contains("backend " + pid) && reason.contains("INSERT INTO open_deposits"), reason);
      JobRun recorded = bed.stores.history().runs("job_open_deposits").get(0);
      assertEquals(RunStatus.WAITING, recorded.status());
      assertEquals(JobStatus.WAITING, bed.current().state().status());
      assertEquals(window, bed.current().window(), "the job stays on its window");
      assertFalse(Files.exists(lake.resolve("postgres/open_deposits/original/incremental")), "nothing written");

      // With a longer wait, the run waits for the commit and loads the 25 rows with the rest.
      JobConfig patient = bed.job(window, "settle_seconds=30");
      CompletableFuture<Void> commit = CompletableFuture.runAsync(() -> {
        try {
          Thread.sleep(1500);
          writer.commit();
        } catch (Exception e) {
          throw new IllegalStateException(e);
        }
      });
      List<WindowOutcome> loaded = bed.run(1).runJob(patient);
      commit.join();
      assertEquals(WindowOutcome.Result.SUCCEEDED, loaded.get(0).result(), loaded.toString());
      assertEquals(125, loaded.get(0).record().orElseThrow().rowsRead());
      assertEquals(125, bed.lakeRows().size());
    }
  }

  @Test
  void withoutPgReadAllStatsTheCheckCannotSeeOtherUsersAndALagStandsIn(@TempDir Path dir) throws Exception {
    TestPostgres pg = TestPostgres.get();
    pg.execute("""
        DROP TABLE IF EXISTS lag_t; CREATE TABLE lag_t (id bigint, at timestamptz);
        DO $$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'plain_reader') THEN
          CREATE ROLE plain_reader LOGIN PASSWORD 'r'; END IF; END $$;
        GRANT SELECT ON lag_t TO plain_reader;
        """);
    String url = "jdbc:postgresql://localhost:" + pg.port() + "/postgres";
    try (Connection admin = pg.connect(); Connection observer = pg.connect();
        Connection plain = DriverManager.getConnection(url, "plain_reader", "r")) {
      admin.setAutoCommit(false);
      try (Statement statement = admin.createStatement()) {
        statement.execute("INSERT INTO lag_t VALUES (1, now())");
      }
      Instant stop = Instant.now().plusSeconds(3600);
      assertTrue(PgOpenTransactions.canSeeOtherSessions(observer));
      assertFalse(PgOpenTransactions.canSeeOtherSessions(plain));
      assertEquals(1, PgOpenTransactions.begunBefore(observer, stop).size(), "postgres sees the open insert");
      assertEquals(0, PgOpenTransactions.begunBefore(plain, stop).size(), "plain_reader cannot");

      LoadWindow recent = new LoadWindow(Instant.now().minusSeconds(60), Instant.now().minusSeconds(1));
      JobConfig job = new SourceBed(dir, "lag_t").job(recent, "settle_seconds=0;lag_seconds=600");
      WindowNotSettledException lagging = assertThrows(WindowNotSettledException.class,
          () -> new SourceSettle(Clock.systemUTC()).await(plain, job.jdbc().options(), recent));
      assertTrue(lagging.getMessage().contains("pg_read_all_stats"), lagging.getMessage());
      SourceSettle.Settled old = new SourceSettle(Clock.systemUTC()).await(plain, job.jdbc().options(), DAY);
      assertFalse(old.sawEverySession());
      admin.rollback();
    }
  }

  @Test
  void aBackDatedRowIsFoundByTheRecheckAndItsWindowLoadedAgain(@TempDir Path lake) throws Exception {
    SourceBed bed = new SourceBed(lake, "late_deposits").createMinuteTable(4, true);
    bed.job(DAY, "recheck_windows=3");
    bed.run(2).runJob(bed.current());
    bed.pg.execute("INSERT INTO late_deposits SELECT g, '2018-11-04 23:59:59+00', 0 FROM generate_series(9001, 9025) g");

    List<WindowOutcome> next = bed.run(1).runJob(bed.current());
    assertEquals(1, next.get(0).record().orElseThrow().repairs().size());
    JobRun repaired = bed.stores.history().runs("job_late_deposits").stream()
        .filter(r -> r.result().flatMap(x -> x.rowsBeforeRepair()).isPresent()).findFirst().orElseThrow();
    assertEquals(DAY, repaired.window());
    assertEquals(1440, repaired.result().get().rowsBeforeRepair().get());
    assertEquals(1465, repaired.result().get().rowsRead());
    assertEquals(3 * 1440 + 25, bed.lakeRows().size(), "every committed row, once");

    bed.run(1).runJob(bed.current());
    assertEquals(1, bed.stores.history().runs("job_late_deposits").stream()
        .filter(r -> r.result().flatMap(x -> x.rowsBeforeRepair()).isPresent()).count(), "repaired once");
  }

  @Test
  void aMovedRowWithTheSameCountIsFoundByTheChecksum(@TempDir Path lake) throws Exception {
    SourceBed bed = new SourceBed(lake, "moved_deposits").createMinuteTable(3, false);
    bed.job(DAY, "recheck_windows=2;recheck_checksum=true");
    bed.run(1).runJob(bed.current());
    // One row leaves the window and another arrives: the count stays, the checksum does not.
    bed.pg.execute("""
        UPDATE moved_deposits SET at = at + interval '1 day' WHERE id = 5;
        INSERT INTO moved_deposits VALUES (99999, '2018-11-04 12:00:00+00', 1);
        """);
    List<WindowOutcome> next = bed.run(1).runJob(bed.current());
    assertEquals(1, next.get(0).record().orElseThrow().repairs().size(), next.toString());
    List<Object> ids = bed.lakeRows().stream().map(r -> r.getAs("id")).toList();
    assertEquals(ids.size(), ids.stream().distinct().count(), "no row twice");
    assertTrue(ids.contains(99999L));
  }

  @Test
  void aRepairWhoseRecordIsLostIsFoundAndRecordedByTheNextRun(@TempDir Path lake) throws Exception {
    SourceBed bed = new SourceBed(lake, "killed_repair").createMinuteTable(4, false);
    bed.job(DAY, "recheck_windows=3");
    bed.run(1).runJob(bed.current());
    bed.pg.execute("INSERT INTO killed_repair VALUES (77777, '2018-11-04 06:00:00+00', 1)");
    // The next run's writes: start (1), succeed (2), the repair's start (3), its succeed (4): each one fails.
    for (int fault = 1; fault <= 4; fault++) {
      int base = bed.stores.faults().writes();
      bed.stores.faults().refuse(base + fault);
      try {
        bed.run(1, Duration.ofMillis(1)).runJob(bed.current());
      } catch (StoreFaults.InjectedFault expected) {
        // the run died at this write
      }
      bed.stores.faults().clear();
      Thread.sleep(5); // past the killed run's lease, as a crashed run's lease runs out
    }
    bed.run(1, Duration.ofMillis(1)).runJob(bed.current());
    List<Row> rows = bed.lakeRows();
    assertEquals(rows.size(), rows.stream().map(r -> r.getAs("id")).distinct().count(), "no row twice");
    assertTrue(rows.stream().anyMatch(r -> Long.valueOf(77777L).equals(r.getAs("id"))), "the late row is loaded");
    assertTrue(bed.stores.history().runs("job_killed_repair").stream().anyMatch(r -> r.window().equals(DAY)
        && r.status() == RunStatus.SUCCEEDED && r.result().get().rowsRead() == 1441), "history has the repair");
  }
}
