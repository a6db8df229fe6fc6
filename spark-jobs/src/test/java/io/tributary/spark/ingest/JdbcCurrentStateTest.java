package io.tributary.spark.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tributary.core.history.StateCommit;
import io.tributary.core.run.WindowOutcome;
import io.tributary.core.window.LoadWindow;
import io.tributary.core.window.RawZoneLayout;
import io.tributary.spark.cubic.DeltaKernelTable;
import io.tributary.spark.testing.TestSpark;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.glue.model.TableInput;

/**
 * A jdbc-ingest job with {@code current_state=true} against PostgreSQL: each window merged into a Delta table of
 * the latest row per primary key (read back by Delta Kernel, no Spark), compared after every window with a replay
 * of the source's inserts, updates and deletes written here, row by row; re-runs and back-fills change nothing they should
 * not; a failed merge keeps the job on its window; a key the job names may repeat in a window, and its newest
 * version wins; a column the source added joins the state.
 */
class JdbcCurrentStateTest {
  private static final Instant NOV4 = Instant.parse("2018-11-04T00:00:00Z");
  private static final LoadWindow DAY = new LoadWindow(NOV4, NOV4.plus(Duration.ofDays(1)));
  private static final DateTimeFormatter SECONDS = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")
      .withZone(ZoneOffset.UTC);
  private static final List<String> COLUMNS = List.of("region", "id", "balance", "changed_at");

  /** The source's history as written here: every version of every key, in the order written. */
  private final List<List<String>> versions = new ArrayList<>();

  @TempDir Path lake;

  @Test
  void eachWindowMergesTheLatestRowPerCompositeKeyAsAReplayOfTheSourcesChanges() throws Exception {
    SourceBed bed = new SourceBed(lake, "accounts");
    bed.pg.execute("DROP TABLE IF EXISTS accounts; CREATE TABLE accounts (region text, id int, balance numeric(12,2),"
        + " changed_at timestamptz, PRIMARY KEY (region, id)); CREATE INDEX ON accounts (changed_at)");
    Random random = new Random(23);
    for (int id = 0; id < 300; id++) {
      write(bed, random.nextBoolean() ? "east" : "west", id, id, NOV4.plusSeconds(id * 200L));
    }
    bed.job(DAY, "changed_at", "recheck_windows=0;current_state=true;deletes=hard;glue_database=lake");
    String state = RawZoneLayout.currentStateRoot(bed.current());

    long version = -1;
    for (int day = 0; day < 3; day++) {
      Instant stop = NOV4.plus(Duration.ofDays(day + 1));
      List<WindowOutcome> outcomes = bed.run(1).runJob(bed.current());

      assertEquals(WindowOutcome.Result.SUCCEEDED, outcomes.get(0).result(), outcomes.toString());
      StateCommit commit = outcomes.get(0).record().orElseThrow().currentState().orElseThrow();
      assertEquals(state, commit.table());
      long deleted = commit.deletedKeys().orElseThrow();
      assertEquals(day == 0 ? 0 : 1, Long.signum(deleted), "keys deleted at the source since the last run");
      version += 1 + Long.signum(deleted);
      assertEquals(version, commit.version(), "one commit per window, and one for the keys found deleted");
      assertEquals(replay(stop), stateRows(state), "the state after window " + day + " is the replay of every"
          + " version before " + stop);
      // The next day's changes, after its window is read: updates of random keys (some twice) and new keys. An
      // updated row leaves its window for the next day's (changed_at is a last-modified column).
      for (int i = 0; i < 80; i++) {
        List<String> old = versions.get(random.nextInt(versions.size()));
        write(bed, old.get(0), Integer.parseInt(old.get(1)), 1000 + i, stop.plusSeconds(600L * i + 60));
      }
      for (int id = 300 + day * 20; id < 320 + day * 20; id++) {
        write(bed, "north", id, id, stop.plusSeconds(id * 30L + 1));
      }
      // And deletes at the source, which the next run finds (some keys updated above, some deleted already).
      for (int i = 0; i < 6; i++) {
        List<String> old = versions.get(random.nextInt(versions.size()));
        delete(bed, old.get(0), Integer.parseInt(old.get(1)), stop.minusSeconds(1));
      }
    }

    TableInput registered = bed.glue.table("postgres__accounts__current");
    assertEquals(List.of("region string", "id int", "balance decimal(12,2)", "changed_at timestamp"),
        registered.storageDescriptor().columns().stream().map(c -> c.name() + " " + c.type()).toList());
    assertTrue(registered.storageDescriptor().location().endsWith("/postgres/accounts/current"),
        registered.storageDescriptor().location());

    // The replay with the last deletes (made since the last run, which the back-fill's run finds) and none of the
    // last updates (stamped in a window not loaded yet).
    List<List<String>> expected = replay(NOV4.plus(Duration.ofDays(3)));
    assertTrue(expected.size() < stateRows(state).size(), "keys were deleted since the last run");
    List<WindowOutcome> backfilled = bed.run(3).backfill(bed.current(), List.of(DAY.next()));
    assertTrue(backfilled.stream().allMatch(o -> o.result() == WindowOutcome.Result.SUCCEEDED), backfilled.toString());
    assertEquals(expected, stateRows(state), "re-running a loaded window changes no row of the state; its run"
        + " removes the keys deleted at the source since the last run");
  }

  @Test
  void aKeyTheJobNamesMayRepeatInAWindowAndItsNewestVersionWins() {
    SparkSession spark = TestSpark.get();
    String path = lake.resolve("named").toString();
    // primary_key=id names a key the source does not enforce: a window may hold a key twice.
    JdbcCurrentState state = new JdbcCurrentState(spark, path, new StateKey(List.of("id"), false), "changed_at");
    state.merge(spark.sql("SELECT id, 'first' AS value, 10 AS changed_at FROM range(1, 21)"), 20);
    Dataset<Row> repeated = spark.sql("SELECT * FROM VALUES (CAST(2 AS BIGINT), 'late', 30), (2, 'early', 20),"
        + " (21, 'x', 5), (21, 'y', 7), (3, 'c', 40) AS t(id, value, changed_at)");

    state.merge(repeated, 5);

    Map<Long, String> rows = new HashMap<>();
    spark.read().format("delta").load(path).collectAsList()
        .forEach(r -> assertNull(rows.put(r.getLong(0), r.getString(1) + "@" + r.get(2)), "key " + r.get(0)
            + " twice"));
    assertEquals(21, rows.size());
    assertEquals("late@30", rows.get(2L));
    assertEquals("y@7", rows.get(21L));
    assertEquals("c@40", rows.get(3L));
    assertEquals("first@10", rows.get(4L));

    // A column the source added joins the state's schema; the rows merged before have none.
    state.merge(spark.sql("SELECT CAST(5 AS BIGINT) AS id, 'five' AS value, 50 AS changed_at, 'x' AS extra"), 1);
    Dataset<Row> evolved = spark.read().format("delta").load(path);
    assertEquals(List.of("id", "value", "changed_at", "extra"), List.of(evolved.columns()));
    assertEquals(List.of("five", "x"), evolved.where("id = 5").collectAsList().stream()
        .flatMap(r -> Stream.of(r.getString(1), r.getString(3))).toList());
    assertEquals(20, evolved.where("extra IS NULL").count());
  }

  @Test
  void anOlderBatchNeverOverwritesANewerRowAndAKeyMayNotChangeType() {
    SparkSession spark = TestSpark.get();
    String path = lake.resolve("state").toString();
    JdbcCurrentState state = new JdbcCurrentState(spark, path, new StateKey(List.of("id"), false), "changed_at");
    Dataset<Row> newer = spark.sql("SELECT * FROM VALUES (1, 'b', 20), (2, 'x', 20) AS t(id, value, changed_at)");
    Dataset<Row> older = spark.sql("SELECT * FROM VALUES (1, 'a', 10), (3, 'c', 10) AS t(id, value, changed_at)");

    state.merge(newer, 2);
    StateCommit commit = state.merge(older, 2);

    assertEquals(1, commit.version());
    assertEquals(List.of(List.of("1", "b", "20"), List.of("2", "x", "20"), List.of("3", "c", "10")),
        spark.read().format("delta").load(path).orderBy("id").collectAsList().stream()
            .map(r -> List.of(r.get(0).toString(), r.getString(1), r.get(2).toString())).toList(),
        "key 1 keeps its newer version; key 3 is new");
    Dataset<Row> widenedKey = spark.sql("SELECT * FROM VALUES (CAST(1 AS BIGINT), 'z', 30) AS t(id, value, changed_at)");
    IllegalStateException refused = assertThrows(IllegalStateException.class, () -> state.merge(widenedKey, 1));
    assertTrue(refused.getMessage().contains("key column id is bigint at the source but int in the state"),
        refused.getMessage());
  }

  @Test
  void aTableWithoutAKeyIsRefusedAndAFailedMergeKeepsTheJobOnItsWindow() throws Exception {
    SourceBed bed = new SourceBed(lake, "keyless").createMinuteTable(1, true);
    bed.job(DAY, "recheck_windows=0;current_state=true");
    WindowOutcome refused = bed.run(1).runJob(bed.current()).get(0);
    assertEquals(WindowOutcome.Result.FAILED, refused.result());
    assertTrue(refused.error().orElseThrow().contains("table keyless has no primary key, and current_state needs"
        + " one: name its key columns with primary_key=a,b"), refused.error().orElseThrow());

    bed.job(DAY, "recheck_windows=0;current_state=true;primary_key=id");
    Path state = Path.of(URI.create(RawZoneLayout.currentStateRoot(bed.current())));
    Files.createDirectories(state.getParent());
    Files.writeString(state, "not a directory"); // the state cannot be written
    WindowOutcome failed = bed.run(1).runJob(bed.current()).get(0);
    assertEquals(WindowOutcome.Result.FAILED, failed.result(), failed.toString());
    assertEquals(DAY, bed.current().window(), "the job did not advance");

    Files.delete(state);
    WindowOutcome rerun = bed.run(1).runJob(bed.current()).get(0);
    assertEquals(WindowOutcome.Result.SUCCEEDED, rerun.result(), rerun.toString());
    assertEquals(1440, TestSpark.get().read().format("delta").load(state.toString()).count());
    assertFalse(DAY.equals(bed.current().window()), "the job moved on");
  }

  @Test
  void keysDeletedAtTheSourceAreRemovedTheLookReadsFewOfTheSourcesKeysAndAFailedLookConverges() throws Exception {
    SourceBed bed = new SourceBed(lake, "items");
    bed.pg.execute("DROP TABLE IF EXISTS items; CREATE TABLE items (id bigint PRIMARY KEY, at timestamptz, v int);"
        + " CREATE INDEX ON items (at); INSERT INTO items SELECT g, '2018-11-04'::timestamptz + g * interval '14 s', g"
        + " FROM generate_series(0, 5999) g");
    bed.job(DAY, "recheck_windows=0;current_state=true;deletes=hard");
    String state = RawZoneLayout.currentStateRoot(bed.current());
    WindowOutcome first = bed.run(1).runJob(bed.current()).get(0);
    assertEquals(Optional.of(0L), first.record().orElseThrow().currentState().orElseThrow().deletedKeys(),
        "every run looks (delete_check_runs=1): nothing is gone yet");
    bed.pg.execute("DELETE FROM items WHERE id % 100 = 7; INSERT INTO items SELECT g, '2018-11-05'::timestamptz"
        + " + (g - 6000) * interval '60 s', g FROM generate_series(6000, 6099) g");

    WindowOutcome second = bed.run(1).runJob(bed.current()).get(0);

    assertEquals(Optional.of(60L), second.record().orElseThrow().currentState().orElseThrow().deletedKeys());
    assertEquals(6_040, TestSpark.get().read().format("delta").load(state).count());
    assertEquals(0, TestSpark.get().read().format("delta").load(state).where("id % 100 = 7 AND id < 6000").count());

    // Another 1% deleted: the look reads the keys of the buckets that differ, and nothing else.
    bed.pg.execute("DELETE FROM items WHERE id % 100 = 8");
    KeyBuckets buckets = new KeyBuckets(bed.current().jdbc().table(), List.of("id"));
    KeyBuckets.Found found;
    long fullExtract;
    try (Connection connection = bed.pg.connect(); ResultSet size = connection.createStatement().executeQuery(
        "SELECT sum(pg_column_size(i.*)) FROM items i")) {
      size.next();
      fullExtract = size.getLong(1);
      found = buckets.compare(connection, new JdbcCurrentState(TestSpark.get(), state, new StateKey(List.of("id"), true), "at")
          .liveKeys());
    }
    assertEquals(61, found.deleted().size(), "the new 1% (id 6008 among them) and nothing else");
    assertTrue(found.keysRead() <= 0.05 * found.stateKeys(), "read " + found.keysRead() + " of "
        + found.stateKeys() + " keys");
    assertTrue(found.bytesRead() <= 0.05 * fullExtract, found.bytesRead() + " bytes read, a full extract "
        + fullExtract);

    // The last step of a look, starting the run count again, cannot be written: it fails after the delete commit.
    Path counter = Path.of(URI.create(state)).resolve("_tributary_runs_since_delete_look");
    Files.delete(counter);
    Files.createDirectories(counter.resolve("in-the-way"));
    WindowOutcome failed = bed.run(1).runJob(bed.current()).get(0);
    assertEquals(WindowOutcome.Result.FAILED, failed.result(), failed.toString());
    assertEquals(5_979, TestSpark.get().read().format("delta").load(state).count(), "the delete was committed");
    LoadWindow kept = bed.current().window();
    assertEquals(DAY.next().next(), kept, "the job keeps the window");
    Files.delete(counter.resolve("in-the-way"));
    Files.delete(counter);
    WindowOutcome rerun = bed.run(1).runJob(bed.current()).get(0);
    assertEquals(WindowOutcome.Result.SUCCEEDED, rerun.result(), rerun.toString());
    assertEquals(Optional.of(0L), rerun.record().orElseThrow().currentState().orElseThrow().deletedKeys(),
        "the rerun looks again and finds the state as the source");
    assertEquals(5_979, TestSpark.get().read().format("delta").load(state).count());
  }

  @Test
  void softDeletesMarkTheRowEveryNRunsAndAKeyBackAtTheSourceIsLiveAgain() throws Exception {
    SourceBed bed = new SourceBed(lake, "marked");
    bed.pg.execute("DROP TABLE IF EXISTS marked; CREATE TABLE marked (id int PRIMARY KEY, at timestamptz);"
        + " INSERT INTO marked SELECT g, '2018-11-04'::timestamptz + g * interval '60 s' FROM generate_series(0, 999) g");
    bed.job(DAY, "recheck_windows=0;current_state=true;deletes=soft;delete_check_runs=2");
    String state = RawZoneLayout.currentStateRoot(bed.current());
    bed.run(1).runJob(bed.current());
    bed.pg.execute("DELETE FROM marked WHERE id < 10");

    StateCommit second = bed.run(1).runJob(bed.current()).get(0).record().orElseThrow().currentState().orElseThrow();
    StateCommit third = bed.run(1).runJob(bed.current()).get(0).record().orElseThrow().currentState().orElseThrow();
    bed.pg.execute("INSERT INTO marked VALUES (3, '2018-11-07 01:00:00+00')");
    StateCommit fourth = bed.run(1).runJob(bed.current()).get(0).record().orElseThrow().currentState().orElseThrow();

    assertEquals(Optional.of(10L), second.deletedKeys(), "the second run looks");
    assertEquals(Optional.empty(), third.deletedKeys(), "one run since the last look: not yet");
    assertEquals(Optional.of(0L), fourth.deletedKeys(), "id 3 is back, the others marked already");
    Dataset<Row> rows = TestSpark.get().read().format("delta").load(state);
    assertEquals(1000, rows.count(), "soft: every row stays");
    assertEquals(List.of(0, 1, 2, 4, 5, 6, 7, 8, 9), rows.where("_deleted IS NOT NULL").orderBy("id")
        .select("id").collectAsList().stream().map(r -> r.getInt(0)).toList(), "id 3 is back at the source");
  }

  /** The state's rows read by Delta Kernel, ordered as {@link #replay}. */
  private static List<List<String>> stateRows(String state) throws Exception {
    List<List<String>> rows = new ArrayList<>(DeltaKernelTable.rows(state, COLUMNS));
    rows.sort(Comparator.comparing(r -> r.get(0) + "/" + r.get(1)));
    return rows;
  }

  /** Writes a version of key {@code (region, id)} at the source (an insert or an update) and into the history. */
  private void write(SourceBed bed, String region, int id, int balance, Instant changedAt) {
    bed.pg.execute("INSERT INTO accounts VALUES ('" + region + "', " + id + ", " + balance + ", '" + changedAt
        + "') ON CONFLICT (region, id) DO UPDATE SET balance = excluded.balance, changed_at = excluded.changed_at");
    versions.add(List.of(region, Integer.toString(id), balance + ".00", SECONDS.format(changedAt)));
  }

  /**
   * Deletes key {@code (region, id)} at the source and records it in the history at {@code at}, a time in the window
   * just loaded: the next run finds it gone.
   */
  private void delete(SourceBed bed, String region, int id, Instant at) {
    bed.pg.execute("DELETE FROM accounts WHERE region = '" + region + "' AND id = " + id);
    versions.add(Arrays.asList(region, Integer.toString(id), null, SECONDS.format(at)));
  }

  /**
   * The replay: for each key, its last version written with {@code changed_at} before {@code stop}, by key; a key
   * whose last event before {@code stop} is a delete is gone.
   */
  private List<List<String>> replay(Instant stop) {
    Map<String, List<String>> latest = new TreeMap<>();
    String before = SECONDS.format(stop);
    for (List<String> version : versions) {
      if (version.get(3).compareTo(before) >= 0) {
        continue;
      }
      if (version.get(2) == null) {
        latest.remove(version.get(0) + "/" + version.get(1));
      } else {
        latest.put(version.get(0) + "/" + version.get(1), version);
      }
    }
    return List.copyOf(latest.values());
  }
}
