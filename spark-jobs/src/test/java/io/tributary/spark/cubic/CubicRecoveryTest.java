package io.tributary.spark.cubic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tributary.core.kind.cubic.CubicLoad;
import io.tributary.core.kind.cubic.LoadStatus;
import io.tributary.core.testing.MutableClock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs killed at each step of a load's commit, then rerun, converge; two concurrent runs never share a load. */
class CubicRecoveryTest {
  static final Instant T0 = Instant.parse("2026-11-01T00:00:00Z");

  @TempDir
  Path dir;

  @Test
  void aRunKilledAtEachStepIsTakenOverByTheNextAndEndsWithTheSameStateNothingLostOrAppliedTwice() throws Exception {
    CubicTestBed bed = CubicTestBed.onDynamoDb(dir);
    ChangeScript script = new ChangeScript(23);
    List<List<String>> snapshot = script.snapshot(30);
    bed.feed.snapshot("EDW.SAMPLE", "LOAD00000001.csv.gz", CubicTestBed.SAMPLE, snapshot, T0);
    List<List<List<String>>> files = new ArrayList<>();
    for (int i = 1; i <= 3; i++) {
      files.add(script.changes(50));
      bed.feed.changes("EDW.SAMPLE", "20261101-00000" + i + "000.csv.gz", CubicTestBed.SAMPLE, files.get(i - 1),
          T0.plusSeconds(60 * i));
    }
    bed.feed.dmap("agg_sample", "20261101.csv", List.of("DAY", "RIDES"), List.of(List.of("2026-11-01", "7")), T0);
    MutableClock clock = new MutableClock(T0.plus(Duration.ofHours(1)));
    List<Predicate<FaultyRegistry.Write>> killPoints = List.of(
        nth(2, w -> w.method().equals("register")),                     // while registering
        nth(1, w -> w.method().equals("claim")),                        // holding the table, nothing taken
        nth(1, w -> w.to().equals(Optional.of(LoadStatus.READY_FOR_ARCHIVING))), // snapshot built, not recorded
        nth(2, w -> w.to().equals(Optional.of(LoadStatus.READY_FOR_ARCHIVING))), // changes merged, not recorded
        nth(1, w -> w.to().equals(Optional.of(LoadStatus.ARCHIVED))),   // files archived, not recorded
        nth(1, w -> w.method().equals("putTable")));                    // the table's hold not released
    int killed = 0;
    for (Predicate<FaultyRegistry.Write> killPoint : killPoints) {
      FaultyRegistry dying = new FaultyRegistry(bed.registry, killPoint);
      try {
        bed.ingestion(dying, clock, "run-" + killed).run();
      } catch (FaultyRegistry.Crash expected) {
        killed++;
      }
      clock.advance(Duration.ofMinutes(31)); // past the dead run's lease
    }
    assertTrue(killed >= 5, "most kill points were reached: " + killed);
    CubicIngestReport last = bed.ingestion(bed.registry, clock, "run-final").run();

    List<CubicLoad> loads = bed.registry.loads(Optional.empty(), Optional.empty());
    assertEquals(5, loads.size(), last.render());
    assertTrue(loads.stream().allMatch(l -> l.status() == LoadStatus.ARCHIVED), LoadTable.render(loads));
    assertEquals(ChangeScript.replay(snapshot, files), bed.currentState("EDW.SAMPLE"));
    assertEquals(List.of(30L, 50L + countB(files.get(0)), 50L + countB(files.get(1)), 50L + countB(files.get(2)), 1L),
        Stream.of("LOAD00000001", "20261101-000001000", "20261101-000002000", "20261101-000003000", "20261101")
            .map(n -> loads.stream().filter(l -> l.key().contains(n)).findFirst().orElseThrow().rows().orElseThrow())
            .toList());
    try (Stream<Path> incoming = Files.walk(dir.resolve("incoming"))) {
      assertEquals(0, incoming.filter(Files::isRegularFile).count(), "every file left incoming");
    }
    try (Stream<Path> archived = Files.walk(dir.resolve("archive"))) {
      assertEquals(9, archived.filter(Files::isRegularFile).count(), "4 ODS files with dfm and the DMAP file");
    }
  }

  @Test
  void twoConcurrentRunsNeverBothTakeALoad() throws Exception {
    CubicTestBed bed = CubicTestBed.onDynamoDb(dir);
    ChangeScript sample = new ChangeScript(5);
    List<List<String>> snapshot = sample.snapshot(20);
    bed.feed.snapshot("EDW.SAMPLE", "LOAD00000001.csv.gz", CubicTestBed.SAMPLE, snapshot, T0);
    List<List<String>> changes = sample.changes(30);
    bed.feed.changes("EDW.SAMPLE", "20261101-000001000.csv.gz", CubicTestBed.SAMPLE, changes, T0.plusSeconds(60));
    ChangeScript other = new ChangeScript(6);
    List<List<String>> otherSnapshot = other.snapshot(10);
    bed.feed.snapshot("EDW.OTHER", "LOAD00000001.csv.gz", CubicTestBed.SAMPLE, otherSnapshot, T0);
    for (int day = 1; day <= 4; day++) {
      bed.feed.dmap("agg_sample", "2026110" + day + ".csv", List.of("DAY", "RIDES"),
          List.of(List.of("2026-11-0" + day, String.valueOf(day))), T0);
    }
    MutableClock clock = new MutableClock(T0.plus(Duration.ofHours(1)));
    FaultyRegistry a = FaultyRegistry.recording(bed.registry);
    FaultyRegistry b = FaultyRegistry.recording(bed.registry);
    ExecutorService pool = Executors.newFixedThreadPool(2);
    List<Future<CubicIngestReport>> runs = List.of(pool.submit(() -> bed.ingestion(a, clock, "run-a").run()),
        pool.submit(() -> bed.ingestion(b, clock, "run-b").run()));
    for (Future<CubicIngestReport> run : runs) {
      run.get();
    }
    pool.shutdown();
    bed.ingestion(bed.registry, clock, "run-c").run(); // whatever a busy table left ready

    Set<String> both = new HashSet<>(a.claimed);
    both.retainAll(b.claimed);
    assertEquals(Set.of(), both, "a load taken by both runs");
    List<CubicLoad> loads = bed.registry.loads(Optional.empty(), Optional.empty());
    assertEquals(7, loads.size());
    assertTrue(loads.stream().allMatch(l -> l.status() == LoadStatus.ARCHIVED), LoadTable.render(loads));
    assertEquals(ChangeScript.replay(snapshot, List.of(changes)), bed.currentState("EDW.SAMPLE"));
    assertEquals(ChangeScript.replay(otherSnapshot, List.of()), bed.currentState("EDW.OTHER"));
  }

  private static long countB(List<List<String>> file) {
    return file.stream().filter(c -> c.get(1).equals("B")).count();
  }

  private static Predicate<FaultyRegistry.Write> nth(int n, Predicate<FaultyRegistry.Write> kind) {
    AtomicInteger seen = new AtomicInteger();
    return w -> kind.test(w) && seen.incrementAndGet() == n;
  }
}
