package io.tributary.spark.cubic;

import io.tributary.core.config.CubicSource;
import io.tributary.core.catalog.LakeCatalog;
import io.tributary.core.kind.cubic.CubicLoad;
import io.tributary.core.kind.cubic.CubicRegistry;
import io.tributary.core.kind.cubic.CubicTable;
import io.tributary.core.kind.cubic.LoadChange;
import io.tributary.core.kind.cubic.LoadRegistration;
import io.tributary.core.kind.cubic.LoadStatus;
import io.tributary.core.kind.cubic.LoadTransitionRefusedException;
import io.tributary.core.kind.cubic.TablePlan;
import io.tributary.core.run.Failures;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.function.UnaryOperator;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;

/**
 * One cubic-ingest run: registers what is new in the incoming prefix, then per active table (held by this run
 * alone, see {@link CubicTable#leaseOwner}) takes its ready loads one by one and ingests them as the table's
 * {@link TablePlan} says, then archives or errors every load that is ready for it. Each load ends in its own
 * status: a bad load never stops the others. A run that dies leaves its loads and tables held until their
 * lease ends; the next run then takes them over and, every step being idempotent (raw directories replaced,
 * changes applied only where newer, moves that skip what was moved), converges on the same state.
 */
public final class CubicIngestion {
  private static final Instant FOREVER = Instant.parse("9999-01-01T00:00:00Z");
  /** At most this many change files go into one MERGE. */
  private static final int MAX_FILES_PER_MERGE = 100;
  /** Loads archived or errored at once. */
  private static final int FINISHING_THREADS = 8;
  private final CubicRegistry registry;
  private final CubicSource source;
  private final Clock clock;
  private final String runId;
  private final boolean exclusive;
  private final LoadIngester ingester;
  private final LoadFiles files;
  private final ChangeFileWriter writer;

  /**
   * @param catalog where each ingested load's table and partition are registered
   * @param exclusive no other run can use this registry (the CLI holds its state directory): what a dead run
   *     left held is taken over at once instead of after its lease
   */
  public CubicIngestion(SparkSession spark, CubicRegistry registry, LakeCatalog catalog, Configuration conf,
      CubicSource source, Clock clock, String runId, boolean exclusive) {
    this.registry = registry;
    this.source = source;
    this.clock = clock;
    this.runId = runId;
    this.exclusive = exclusive;
    CubicPaths paths = new CubicPaths(source);
    this.ingester = new LoadIngester(spark, paths, conf, catalog);
    this.files = new LoadFiles(paths, conf);
    this.writer = new ChangeFileWriter(ingester, Math.max(1, spark.sparkContext().defaultParallelism()));
  }

  /** Runs once over everything registered and ready; returns what happened to each load it touched. */
  public CubicIngestReport run() throws IOException {
    Instant now = clock.instant();
    LoadRegistration.Report registered = new LoadRegistration(registry, source.tables(), source.dfmGrace(), source.snapshotFiles())
        .register(IncomingListing.list(source.incoming(), ingester.conf()), now);
    Set<String> touched = new LinkedHashSet<>();
    registered.registered().forEach(l -> touched.add(l.id()));
    registered.ignored().forEach(l -> touched.add(l.id()));
    List<String> busy = new ArrayList<>();
    for (CubicTable table : registry.tables()) {
      if (table.active()) {
        ingestTable(table, touched, busy);
      }
    }
    finish(touched);
    List<CubicLoad> loads = touched.stream().map(id -> registry.load(id).orElseThrow()).toList();
    return new CubicIngestReport(runId, loads, registered.waitingForDfm(), registered.inactiveTables(), busy);
  }

  private void ingestTable(CubicTable table, Set<String> touched, List<String> busy) {
    Instant now = clock.instant();
    List<CubicLoad> candidates = new ArrayList<>(registry.loads(Optional.of(LoadStatus.READY), Optional.of(table.name())));
    registry.loads(Optional.of(LoadStatus.INGESTING), Optional.of(table.name())).stream()
        .filter(l -> l.owner().equals(Optional.of(runId)) || !l.leaseUntil().map(takeOverTime()::isBefore).orElse(false))
        .forEach(candidates::add);
    if (candidates.isEmpty()) {
      return;
    }
    Optional<CubicTable> held = hold(table.name());
    if (held.isEmpty()) {
      busy.add(table.name() + " (held by " + registry.table(table.name()).flatMap(CubicTable::leaseOwner).orElse("?")
          + ")");
      return;
    }
    Optional<Future<Map<String, ChangeFileWriter.Outcome>>> early = Optional.empty();
    try {
      CubicTable current = held.get();
      Optional<LoadStatus> firstFile = current.snapshotKey().flatMap(key -> registry.load(
          CubicLoad.id(key, current.snapshot().orElseThrow()))).map(CubicLoad::status);
      List<TablePlan.Step> steps = TablePlan.of(current, candidates, firstFile, source.snapshotFiles()).steps();
      early = startChangesBesideSnapshot(steps);
      boolean rebuildFailed = false;
      Optional<LoadIngester.PreparedSnapshot> snapshot = Optional.empty();
      List<CubicLoad> pending = new ArrayList<>();
      for (int i = 0; i < steps.size(); i++) {
        TablePlan.Step step = steps.get(i);
        boolean needsSnapshot = step.action() == TablePlan.Action.ADD_SNAPSHOT_ROWS
            || step.action() == TablePlan.Action.APPLY_CHANGES;
        if (step.action() == TablePlan.Action.WAIT || (needsSnapshot && rebuildFailed)) {
          continue;
        }
        if (step.action() != TablePlan.Action.APPLY_CHANGES || pending.size() >= MAX_FILES_PER_MERGE) {
          applyPending(current, snapshot, pending, early);
          snapshot = Optional.empty();
        }
        Optional<CubicLoad> claimed = registry.claim(step.load().id(), runId, clock.instant().plus(source.lease()),
            clock.instant(), exclusive);
        if (claimed.isEmpty()) {
          continue;
        }
        touched.add(step.load().id());
        if (step.action() == TablePlan.Action.APPLY_CHANGES) {
          pending.add(claimed.get());
          continue;
        }
        if (step.action() == TablePlan.Action.REBUILD && changesFollow(steps, i)) {
          snapshot = prepareSnapshot(claimed.get());
          rebuildFailed = snapshot.isEmpty();
          continue;
        }
        boolean ok = ingest(claimed.get(), step, current);
        if (!ok && step.action() == TablePlan.Action.REBUILD) {
          rebuildFailed = true;
        }
      }
      applyPending(current, snapshot, pending, early);
    } finally {
      early.ifPresent(CubicIngestion::awaitQuietly);
      update(table.name(), t -> t.withLease(Optional.empty(), Optional.empty()));
    }
  }

  private static boolean changesFollow(List<TablePlan.Step> steps, int step) {
    return step + 1 < steps.size() && steps.get(step + 1).action() == TablePlan.Action.APPLY_CHANGES;
  }

  /**
   * When a new snapshot's first file comes before change files, starts writing (up to a commit's worth of) those
   * change files to the raw zone at once, beside the snapshot's single-task read. They are not claimed yet: the
   * table is held by this run, so no other run writes their directories, and one this run does not claim after
   * all is rewritten when it is.
   */
  private Optional<Future<Map<String, ChangeFileWriter.Outcome>>> startChangesBesideSnapshot(
      List<TablePlan.Step> steps) {
    for (int i = 0; i < steps.size(); i++) {
      if (steps.get(i).action() == TablePlan.Action.REBUILD && changesFollow(steps, i)) {
        List<CubicLoad> changes = steps.subList(i + 1, steps.size()).stream()
            .takeWhile(s -> s.action() == TablePlan.Action.APPLY_CHANGES).limit(MAX_FILES_PER_MERGE)
            .map(TablePlan.Step::load).toList();
        return Optional.of(writer.startWriting(changes));
      }
    }
    return Optional.empty();
  }

  /** The snapshot's first file written to the raw zone, or empty when that failed (the load is then errored). */
  private Optional<LoadIngester.PreparedSnapshot> prepareSnapshot(CubicLoad load) {
    try {
      return Optional.of(ingester.prepareSnapshot(load));
    } catch (Exception e) {
      errored(load, LoadIngester.reason(load, e));
      return Optional.empty();
    }
  }

  /**
   * Applies the claimed change files (emptying {@code claimed}): each written to the raw zone (or taken from what
   * was written early) and admitted to the table's columns, then all in one Delta commit (a catch-up of many
   * files costs about one), each recorded as ingested. With a new snapshot's first file prepared before them,
   * that commit rebuilds the table from it too. A file that fails before the commit is errored alone; when the
   * commit fails each file is errored with its reason.
   */
  private void applyPending(CubicTable table, Optional<LoadIngester.PreparedSnapshot> snapshot,
      List<CubicLoad> claimed, Optional<Future<Map<String, ChangeFileWriter.Outcome>>> early) {
    if (claimed.isEmpty() && snapshot.isEmpty()) {
      return;
    }
    Map<String, ChangeFileWriter.Outcome> written = new HashMap<>(early.map(CubicIngestion::await)
        .orElse(Map.of()));
    written.putAll(writer.writeAll(claimed.stream().filter(l -> !written.containsKey(l.id())).toList()));
    List<CubicLoad> loads = List.copyOf(claimed);
    claimed.clear();
    if (snapshot.isPresent()) {
      rebuildWith(table, snapshot.get(), loads, written);
    } else {
      apply(table, loads, written);
    }
  }

  /** The written files admitted by {@code admit}, in order; each one that was not written, or not admitted, errored. */
  private List<LoadIngester.PreparedChanges> admitted(List<CubicLoad> loads,
      Map<String, ChangeFileWriter.Outcome> written, Admission admit) {
    List<LoadIngester.PreparedChanges> admitted = new ArrayList<>();
    for (CubicLoad load : loads) {
      ChangeFileWriter.Outcome outcome = written.get(load.id());
      if (outcome.failure().isPresent()) {
        errored(load, outcome.failure().get());
        continue;
      }
      try {
        admit.check(outcome.prepared().orElseThrow());
        admitted.add(outcome.prepared().get());
      } catch (Exception e) {
        errored(load, LoadIngester.reason(load, e));
      }
    }
    return admitted;
  }

  /** Checks a written change file's columns before it is applied. */
  private interface Admission {
    void check(LoadIngester.PreparedChanges file) throws IOException;
  }

  /** Applies the written change files to the table's current state in one commit. */
  private void apply(CubicTable table, List<CubicLoad> loads, Map<String, ChangeFileWriter.Outcome> written) {
    List<LoadIngester.PreparedChanges> pending = admitted(loads, written, file -> ingester.admit(file, table));
    if (pending.isEmpty()) {
      return;
    }
    Optional<String> failure = Optional.empty();
    try {
      ingester.applyChanges(table, pending);
    } catch (Exception e) {
      failure = Optional.of(LoadIngester.reason(pending.get(0).load(), e));
    }
    for (LoadIngester.PreparedChanges file : pending) {
      LoadChange change = failure.map(f -> LoadChange.because(pending.size() == 1 ? f
              : "applying " + pending.size() + " change files together failed: " + f))
          .orElseGet(() -> LoadChange.ingested(file.count()));
      registry.move(file.load().id(), LoadStatus.INGESTING, failure.isPresent() ? LoadStatus.READY_FOR_ERRORING
          : LoadStatus.READY_FOR_ARCHIVING, withOwner(change), clock.instant());
    }
  }

  /**
   * Rebuilds the table from a new snapshot's first file and the change files after it in one commit. When that
   * fails, the snapshot is rebuilt alone and the files applied after it, so each failure is told apart; when the
   * snapshot alone fails too, it is errored and the files with it (they change a state that could not be built).
   */
  private void rebuildWith(CubicTable table, LoadIngester.PreparedSnapshot snapshot, List<CubicLoad> loads,
      Map<String, ChangeFileWriter.Outcome> written) {
    StructType[] columns = {snapshot.rows().schema()};
    List<LoadIngester.PreparedChanges> admitted = admitted(loads, written,
        file -> columns[0] = CurrentStateTable.admitted(columns[0], file.rows().schema()));
    try {
      ingester.rebuild(table, snapshot, admitted, columns[0]);
    } catch (Exception together) {
      Failures.unlessBug(together);
      try {
        ingester.rebuild(table, snapshot);
      } catch (Exception alone) {
        String reason = LoadIngester.reason(snapshot.load(), alone);
        errored(snapshot.load(), reason);
        admitted.forEach(file -> errored(file.load(), file.load().key() + ": not applied: its snapshot could not be"
            + " built: " + reason));
        return;
      }
      snapshotBuilt(table, snapshot);
      apply(table, admitted.stream().map(LoadIngester.PreparedChanges::load).toList(), written);
      return;
    }
    snapshotBuilt(table, snapshot);
    for (LoadIngester.PreparedChanges file : admitted) {
      registry.move(file.load().id(), LoadStatus.INGESTING, LoadStatus.READY_FOR_ARCHIVING,
          withOwner(LoadChange.ingested(file.count())), clock.instant());
    }
  }

  private void snapshotBuilt(CubicTable table, LoadIngester.PreparedSnapshot snapshot) {
    update(table.name(), t -> t.withBuiltSnapshot(snapshot.load().snapshot().orElseThrow()));
    registry.move(snapshot.load().id(), LoadStatus.INGESTING, LoadStatus.READY_FOR_ARCHIVING,
        withOwner(LoadChange.ingested(snapshot.count())), clock.instant());
  }

  private static Map<String, ChangeFileWriter.Outcome> await(Future<Map<String, ChangeFileWriter.Outcome>> early) {
    try {
      return early.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while writing change files", e);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof Error error) {
        throw error;
      }
      throw new IllegalStateException(e.getCause());
    }
  }

  /** Lets change files written early finish before the table is released, whatever happened meanwhile. */
  private static void awaitQuietly(Future<Map<String, ChangeFileWriter.Outcome>> early) {
    try {
      early.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (ExecutionException | CancellationException e) {
      // already reported where it was awaited, or nothing was waiting for it
    }
  }

  private void errored(CubicLoad load, String reason) {
    registry.move(load.id(), LoadStatus.INGESTING, LoadStatus.READY_FOR_ERRORING,
        withOwner(LoadChange.because(reason)), clock.instant());
  }

  /** Ingests one claimed load as planned; returns whether it succeeded. */
  private boolean ingest(CubicLoad load, TablePlan.Step step, CubicTable table) {
    LoadStatus to;
    LoadChange change;
    try {
      switch (step.action()) {
        case SUPERSEDED -> {
          to = LoadStatus.READY_FOR_ARCHIVING;
          change = LoadChange.because(step.reason().orElseThrow());
        }
        case NO_SNAPSHOT -> {
          to = LoadStatus.READY_FOR_ERRORING;
          change = LoadChange.because(step.reason().orElseThrow());
        }
        default -> {
          long rows = ingester.ingest(load, step.action(), table);
          if (step.action() == TablePlan.Action.REBUILD) {
            update(table.name(), t -> t.withBuiltSnapshot(load.snapshot().orElseThrow()));
          }
          to = LoadStatus.READY_FOR_ARCHIVING;
          change = LoadChange.ingested(rows);
        }
      }
    } catch (Exception e) {
      to = LoadStatus.READY_FOR_ERRORING;
      change = LoadChange.because(LoadIngester.reason(load, e));
    }
    registry.move(load.id(), LoadStatus.INGESTING, to, withOwner(change), clock.instant());
    return to == LoadStatus.READY_FOR_ARCHIVING;
  }

  private LoadChange withOwner(LoadChange change) {
    return new LoadChange(change.snapshot(), change.rows(), change.reason(), Optional.of(runId), Optional.empty());
  }

  /** Moves every load ready for it (or left mid-move by a dead run) to the archive or the error prefix. */
  private void finish(Set<String> touched) throws IOException {
    finish(LoadStatus.READY_FOR_ARCHIVING, LoadStatus.ARCHIVING, LoadStatus.ARCHIVED, touched);
    finish(LoadStatus.READY_FOR_ERRORING, LoadStatus.ERRORING, LoadStatus.ERRORED, touched);
  }

  private void finish(LoadStatus ready, LoadStatus moving, LoadStatus done, Set<String> touched) throws IOException {
    List<CubicLoad> loads = Collections.synchronizedList(new ArrayList<>());
    ParallelLoads.run(registry.loads(Optional.of(ready), Optional.empty()), FINISHING_THREADS, load -> {
      try {
        loads.add(registry.move(load.id(), ready, moving, LoadChange.none(), clock.instant()));
      } catch (LoadTransitionRefusedException anotherRunMovedIt) {
        // another run is finishing it
      }
    });
    Set<String> movedNow = new HashSet<>(loads.stream().map(CubicLoad::id).toList());
    registry.loads(Optional.of(moving), Optional.empty()).stream()
        .filter(l -> !movedNow.contains(l.id()) && !l.updatedAt().plus(source.lease()).isAfter(takeOverTime()))
        .forEach(loads::add);
    loads.forEach(l -> touched.add(l.id()));
    ParallelLoads.run(List.copyOf(loads), FINISHING_THREADS, load -> {
      if (done == LoadStatus.ARCHIVED) {
        files.archive(load);
      } else {
        files.error(load);
      }
      registry.move(load.id(), moving, done, LoadChange.none(), clock.instant());
    });
  }

  /** The table held for this run until the lease ends, or empty when a live run holds it. */
  private Optional<CubicTable> hold(String name) {
    Instant until = clock.instant().plus(source.lease());
    for (int attempt = 0; attempt < 10; attempt++) {
      CubicTable table = registry.table(name).orElseThrow();
      if (table.heldByAnotherThan(runId, takeOverTime())) {
        return Optional.empty();
      }
      CubicTable held = table.withLease(Optional.of(runId), Optional.of(until));
      if (registry.putTable(held, Optional.of(table))) {
        return Optional.of(held);
      }
    }
    throw new IllegalStateException("table " + name + " kept changing while this run tried to hold it");
  }

  private void update(String name, UnaryOperator<CubicTable> change) {
    for (int attempt = 0; attempt < 10; attempt++) {
      CubicTable table = registry.table(name).orElseThrow();
      if (registry.putTable(change.apply(table), Optional.of(table))) {
        return;
      }
    }
    throw new IllegalStateException("table " + name + " kept changing while this run updated it");
  }

  /** The time against which others' holds count as expired: now, or (exclusive) a time after every lease. */
  private Instant takeOverTime() {
    return exclusive ? FOREVER : clock.instant();
  }
}
