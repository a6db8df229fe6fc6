package io.tributary.core.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tributary.core.kind.cubic.CubicLoad;
import io.tributary.core.kind.cubic.CubicRegistry;
import io.tributary.core.kind.cubic.CubicTable;
import io.tributary.core.kind.cubic.IncomingKey;
import io.tributary.core.kind.cubic.IncomingObject;
import io.tributary.core.kind.cubic.LoadChange;
import io.tributary.core.kind.cubic.LoadStatus;
import io.tributary.core.kind.cubic.LoadTransitionRefusedException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What every {@link CubicRegistry} does: each object once, only lifecycle steps, each taken by one run. */
public abstract class CubicRegistryContract {
  protected static final Instant T0 = Instant.parse("2026-11-01T00:00:00Z");
  private CubicRegistry registry;

  /** A new, empty registry. */
  protected abstract CubicRegistry newRegistry();

  @BeforeEach
  void setUp() {
    registry = newRegistry();
  }

  private CubicLoad ready(String key) {
    return CubicLoad.register(new IncomingObject(key, T0, 10), "cubic__ods_qlik__edw_sample", LoadStatus.READY,
        Optional.of(T0), Optional.empty(), T0);
  }

  @Test
  void anObjectVersionIsRegisteredOnce() {
    CubicLoad load = ready("cubic/ods_qlik/EDW.SAMPLE/LOAD00000001.csv.gz");
    assertTrue(registry.register(load));
    assertFalse(registry.register(load));
    assertEquals(1, registry.loads(Optional.empty(), Optional.empty()).size());
    CubicLoad newerVersion = CubicLoad.register(new IncomingObject(load.key(), T0.plusSeconds(5), 10), load.table(),
        LoadStatus.READY, Optional.of(T0), Optional.empty(), T0);
    assertTrue(registry.register(newerVersion), "the same key with a new last-modified is a new load");
  }

  @Test
  void theLifecycleIsFollowedStepByStepAndRecordsWhatEachStepSays() {
    CubicLoad load = ready("cubic/dmap/agg/20260101.csv.gz");
    registry.register(load);
    registry.claim(load.id(), "run-1", T0.plusSeconds(60), T0, false).orElseThrow();
    registry.move(load.id(), LoadStatus.INGESTING, LoadStatus.READY_FOR_ARCHIVING, LoadChange.ingested(42), T0);
    registry.move(load.id(), LoadStatus.READY_FOR_ARCHIVING, LoadStatus.ARCHIVING, LoadChange.none(), T0);
    CubicLoad done = registry.move(load.id(), LoadStatus.ARCHIVING, LoadStatus.ARCHIVED, LoadChange.none(), T0);
    assertEquals(LoadStatus.ARCHIVED, done.status());
    assertEquals(Optional.of(42L), registry.load(load.id()).orElseThrow().rows());
    assertEquals(List.of(load.id()), registry.loads(Optional.of(LoadStatus.ARCHIVED), Optional.of(load.table()))
        .stream().map(CubicLoad::id).toList());
    assertTrue(registry.loads(Optional.of(LoadStatus.ARCHIVED), Optional.of("other")).isEmpty());
  }

  @Test
  void illegalTransitionsAreRefusedAndChangeNothing() {
    CubicLoad load = ready("cubic/dmap/agg/20260102.csv.gz");
    registry.register(load);
    assertThrows(LoadTransitionRefusedException.class,
        () -> registry.move(load.id(), LoadStatus.READY, LoadStatus.ARCHIVED, LoadChange.none(), T0));
    assertThrows(LoadTransitionRefusedException.class, () -> registry.move(load.id(), LoadStatus.INGESTING,
        LoadStatus.READY_FOR_ARCHIVING, LoadChange.none(), T0), "the load is ready, not ingesting");
    assertThrows(LoadTransitionRefusedException.class,
        () -> registry.move(load.id(), LoadStatus.ARCHIVED, LoadStatus.ERRORING, LoadChange.none(), T0));
    assertEquals(LoadStatus.READY, registry.load(load.id()).orElseThrow().status());
  }

  @Test
  void twoRunsNeverBothTakeOneLoad() throws Exception {
    List<CubicLoad> loads = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      CubicLoad load = ready("cubic/kafka/sample/" + i + ".json");
      registry.register(load);
      loads.add(load);
    }
    ExecutorService pool = Executors.newFixedThreadPool(2);
    CountDownLatch start = new CountDownLatch(1);
    List<Future<List<String>>> runs = new ArrayList<>();
    for (String owner : List.of("run-a", "run-b")) {
      runs.add(pool.submit(() -> {
        start.await();
        List<String> taken = new ArrayList<>();
        for (CubicLoad load : loads) {
          registry.claim(load.id(), owner, T0.plusSeconds(600), T0, false).ifPresent(l -> taken.add(l.id()));
        }
        return taken;
      }));
    }
    start.countDown();
    List<String> a = runs.get(0).get();
    List<String> b = runs.get(1).get();
    pool.shutdown();
    assertEquals(20, a.size() + b.size(), "every load taken once: " + a + " / " + b);
    assertTrue(a.stream().noneMatch(b::contains));
  }

  @Test
  void anExpiredHoldIsTakenOverAndItsFormerOwnerCanNoLongerMoveIt() {
    CubicLoad load = ready("cubic/ods_qlik/EDW.SAMPLE__ct/20260101-000000000.csv.gz");
    registry.register(load);
    registry.claim(load.id(), "dead-run", T0.plusSeconds(60), T0, false).orElseThrow();
    assertTrue(registry.claim(load.id(), "new-run", T0.plus(Duration.ofHours(1)), T0.plusSeconds(30), false).isEmpty(),
        "a live hold is not taken over");
    assertTrue(registry.claim(load.id(), "new-run", T0.plus(Duration.ofHours(1)), T0.plusSeconds(61), false).isPresent());
    assertThrows(LoadTransitionRefusedException.class, () -> registry.move(load.id(), LoadStatus.INGESTING,
        LoadStatus.READY_FOR_ARCHIVING, LoadChange.claim("dead-run", T0), T0.plusSeconds(62)));
    assertTrue(registry.claim(load.id(), "sole-run", T0.plus(Duration.ofHours(2)), T0.plusSeconds(63), true)
        .isPresent(), "an exclusive run takes over even a live hold");
    registry.move(load.id(), LoadStatus.INGESTING, LoadStatus.READY_FOR_ARCHIVING, LoadChange.claim("sole-run", T0),
        T0.plusSeconds(64));
  }

  @Test
  void aTableIsWrittenOnlyOverWhatTheWriterRead() {
    CubicTable table = CubicTable.of(IncomingKey.parse("cubic/ods_qlik/EDW.SAMPLE/LOAD00000001.csv.gz").orElseThrow(),
        true);
    assertTrue(registry.putTable(table, Optional.empty()));
    assertFalse(registry.putTable(table, Optional.empty()), "already registered");
    CubicTable withSnapshot = table.withSnapshot(T0, "cubic/ods_qlik/EDW.SAMPLE/LOAD00000001.csv.gz");
    assertTrue(registry.putTable(withSnapshot, Optional.of(table)));
    assertFalse(registry.putTable(table.withBuiltSnapshot(T0), Optional.of(table)), "stale read");
    assertEquals(withSnapshot, registry.table(table.name()).orElseThrow());
    CubicTable leased = withSnapshot.withLease(Optional.of("run-1"), Optional.of(T0.plusSeconds(60)));
    assertTrue(registry.putTable(leased, Optional.of(withSnapshot)));
    assertEquals(leased, registry.table(table.name()).orElseThrow());
    assertEquals(List.of(leased), registry.tables());
  }
}
