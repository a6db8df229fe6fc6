package io.tributary.spark.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tributary.core.run.WindowOutcome;
import io.tributary.core.window.LoadWindow;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A seeded schedule of writers and window runs against PostgreSQL: transactions insert rows stamped with
 * {@code now()} (some open across window boundaries), the application back-dates a few rows and moves others to a
 * later window, some transactions roll back and some commit while a run waits for them; one-second windows run
 * meanwhile. At the end every committed row is in the lake exactly once, counting repairs.
 */
class ConcurrentWritersTest {
  private static final long SEED = Long.getLong("tributary.seed", 20181104L);
  private static final int STEPS = 200;
  /**
   * The job's options; {@code -Dtributary.options=settle_seconds=0;recheck_windows=0} runs the same schedule with
   * both checks off, which loses rows (docs/operations.md shows the figures).
   */
  private static final String OPTIONS =
      System.getProperty("tributary.options", "settle_seconds=1;recheck_windows=100;recheck_checksum=true");
  private static final int CONNECTIONS = 4;

  @Test
  void everyCommittedRowIsInTheLakeExactlyOnce(@TempDir Path lake) throws Exception {
    SourceBed bed = new SourceBed(lake, "stream");
    bed.pg.execute("""
        DROP TABLE IF EXISTS stream;
        CREATE TABLE stream (id bigint PRIMARY KEY, at timestamptz NOT NULL DEFAULT now(), writer int);
        CREATE INDEX ON stream (at);
        """);
    Random random = new Random(SEED);
    Instant first = Instant.now().truncatedTo(ChronoUnit.SECONDS).plusSeconds(1);
    bed.job(new LoadWindow(first, first.plusSeconds(1)), OPTIONS);
    ScheduledExecutorService committer = Executors.newSingleThreadScheduledExecutor();
    Map<String, Integer> seen = new TreeMap<>();
    List<Connection> writers = new ArrayList<>();
    Map<Integer, Boolean> open = new HashMap<>();
    long nextId = 1;
    try {
      for (int i = 0; i < CONNECTIONS; i++) {
        Connection c = bed.pg.connect();
        c.setAutoCommit(false);
        writers.add(c);
        open.put(i, false);
      }
      for (int step = 0; step < STEPS; step++) {
        int w = random.nextInt(CONNECTIONS);
        Connection c = writers.get(w);
        int action = random.nextInt(100);
        synchronized (c) {
          try (Statement sql = c.createStatement()) {
            if (action < 40) {
              int rows = 1 + random.nextInt(5);
              sql.execute("INSERT INTO stream (id, writer) SELECT g, " + w + " FROM generate_series(" + nextId
                  + ", " + (nextId + rows - 1) + ") g");
              nextId += rows;
              open.put(w, true);
              count(seen, "inserts");
            } else if (action < 45) {
              sql.execute("INSERT INTO stream VALUES (" + nextId++ + ", clock_timestamp() - interval '"
                  + (1 + random.nextInt(3)) + " seconds', " + w + ")");
              open.put(w, true);
              count(seen, "back-dated inserts");
            } else if (action < 50) {
              sql.execute("UPDATE stream SET at = now() WHERE id = (SELECT id FROM stream ORDER BY id DESC"
                  + " OFFSET " + random.nextInt(20) + " LIMIT 1)");
              open.put(w, true);
              count(seen, "window-column updates");
            } else if (action < 70 && open.get(w)) {
              if (random.nextInt(10) == 0) {
                c.rollback();
                count(seen, "rollbacks");
              } else if (random.nextInt(4) == 0) {
                open.put(w, false);
                committer.schedule(() -> commit(c), 300, TimeUnit.MILLISECONDS);
                count(seen, "commits during a run");
                continue;
              } else {
                c.commit();
                count(seen, "commits");
              }
              open.put(w, false);
            } else if (action < 92) {
              Thread.sleep(50 + random.nextInt(150));
            } else {
              for (WindowOutcome outcome : bed.run(3).runJob(bed.current())) {
                count(seen, outcome.result() == WindowOutcome.Result.WAITING ? "deferrals" : "windows run");
                outcome.record().ifPresent(r -> {
                  seen.merge("repairs", r.repairs().size(), Integer::sum);
                  if (r.duration().compareTo(Duration.ofMillis(250)) > 0) {
                    count(seen, "runs over 250 ms (waits included)");
                  }
                });
              }
            }
          }
        }
      }
      committer.shutdown();
      committer.awaitTermination(5, TimeUnit.SECONDS);
      for (Connection c : writers) {
        synchronized (c) {
          c.commit();
        }
      }
      Instant end = Instant.now().plusSeconds(1);
      Thread.sleep(1500);
      // Catch up to the end, then one more run, whose check sees every window as it now is.
      while (bed.current().window().stop().isBefore(end)) {
        bed.run(10).runJob(bed.current()).forEach(o -> o.record().ifPresent(
            r -> seen.merge("repairs", r.repairs().size(), Integer::sum)));
      }
      Thread.sleep(1100);
      bed.run(1).runJob(bed.current()).forEach(o -> o.record().ifPresent(
          r -> seen.merge("repairs", r.repairs().size(), Integer::sum)));
    } finally {
      committer.shutdownNow();
      for (Connection c : writers) {
        c.close();
      }
    }
    Map<Long, Instant> source = new HashMap<>();
    try (Connection c = bed.pg.connect(); Statement sql = c.createStatement();
        ResultSet rows = sql.executeQuery("SELECT id, at FROM stream WHERE at >= '" + first + "'")) {
      while (rows.next()) {
        source.put(rows.getLong(1), rows.getTimestamp(2).toInstant());
      }
    }
    List<Row> loaded = bed.lakeRows();
    Map<Long, Integer> copies = new HashMap<>();
    loaded.forEach(r -> copies.merge(r.<Long>getAs("id"), 1, Integer::sum));
    System.out.println("seed " + SEED + ", " + STEPS + " steps: " + seen + "; " + source.size() + " rows committed");
    assertTrue(seen.getOrDefault("windows run", 0) > 5, seen.toString());
    assertEquals(source.keySet(), copies.keySet(), "no row lost (seed " + SEED + ")");
    assertTrue(copies.values().stream().allMatch(n -> n == 1), "no row twice (seed " + SEED + ")");
  }

  private static void commit(Connection c) {
    synchronized (c) {
      try {
        c.commit();
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    }
  }

  private static void count(Map<String, Integer> seen, String what) {
    seen.merge(what, 1, Integer::sum);
  }
}
