package io.tributary.spark.cubic;

import io.tributary.core.config.CubicSource;
import io.tributary.core.kind.cubic.CubicCatalog;
import io.tributary.core.kind.cubic.CubicLoad;
import io.tributary.core.kind.cubic.CubicRegistry;
import io.tributary.core.kind.cubic.CubicTable;
import io.tributary.core.kind.cubic.LoadChange;
import io.tributary.core.kind.cubic.LoadRegistration;
import io.tributary.core.kind.cubic.LoadStatus;
import io.tributary.core.kind.cubic.LoadTransitionRefusedException;
import io.tributary.core.kind.cubic.TablePlan;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.SparkSession;

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
  private final CubicRegistry registry;
  private final CubicSource source;
  private final Clock clock;
  private final String runId;
  private final boolean exclusive;
  private final LoadIngester ingester;
  private final LoadFiles files;
  private final int writers;

  /**
   * @param catalog where each ingested load's table and partition are registered
   * @param exclusive no other run can use this registry (the CLI holds its state directory): what a dead run
   *     left held is taken over at once instead of after its lease
   */
  public CubicIngestion(SparkSession spark, CubicRegistry registry, CubicCatalog catalog, Configuration conf,
      CubicSource source, Clock clock, String runId, boolean exclusive) {
    this.registry = registry;
    this.source = source;
    this.clock = clock;
    this.runId = runId;
    this.exclusive = exclusive;
    CubicPaths paths = new CubicPaths(source);
    this.ingester = new LoadIngester(spark, paths, conf, catalog);
    this.files = new LoadFiles(paths, conf);
    this.writers = Math.max(1, spark.sparkContext().defaultParallelism());
  }

  /** Runs once over everything registered and ready; returns what happened to each load it touched. */
  public CubicIngestReport run() throws IOException {
    Instant now = clock.instant();
    LoadRegistration.Report registered = new LoadRegistration(registry, source.tables(), source.dfmGrace())
        .register(IncomingListing.list(source.incoming(), ingester.conf()), now);
    Set<String> touched = new LinkedHashSet<>();
    registered.registered().forEach(l -> touched.add(l.id()));
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
    try {
      CubicTable current = held.get();
      Optional<LoadStatus> firstFile = current.snapshotKey().flatMap(key -> registry.load(
          CubicLoad.id(key, current.snapshot().orElseThrow()))).map(CubicLoad::status);
      boolean rebuildFailed = false;
      List<CubicLoad> pending = new ArrayList<>();
      for (TablePlan.Step step : TablePlan.of(current, candidates, firstFile).steps()) {
        boolean needsSnapshot = step.action() == TablePlan.Action.ADD_SNAPSHOT_ROWS
            || step.action() == TablePlan.Action.APPLY_CHANGES;
        if (step.action() == TablePlan.Action.WAIT || (needsSnapshot && rebuildFailed)) {
          continue;
        }
        if (step.action() != TablePlan.Action.APPLY_CHANGES || pending.size() >= MAX_FILES_PER_MERGE) {
          applyPending(current, pending);
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
        boolean ok = ingest(claimed.get(), step, current);
        if (!ok && step.action() == TablePlan.Action.REBUILD) {
          rebuildFailed = true;
        }
      }
      applyPending(current, pending);
    } finally {
      update(table.name(), t -> t.withLease(Optional.empty(), Optional.empty()));
    }
  }

  /**
   * Applies the claimed change files: each written to the raw zone (several at once: a gzip file is read by one
   * core) and admitted to the table's columns, then all in one Delta commit (a catch-up of many files costs
   * about one), each recorded as ingested; a file that fails before the commit is errored alone, and when the
   * commit fails each file is errored with its reason.
   */
  private void applyPending(CubicTable table, List<CubicLoad> claimed) {
    if (claimed.isEmpty()) {
      return;
    }
    List<Optional<LoadIngester.PreparedChanges>> written = writeAll(claimed);
    List<LoadIngester.PreparedChanges> pending = new ArrayList<>();
    for (Optional<LoadIngester.PreparedChanges> file : written) {
      if (file.isEmpty()) {
        continue;
      }
      try {
        ingester.admit(file.get(), table);
        pending.add(file.get());
      } catch (Exception e) {
        errored(file.get().load(), e);
      }
    }
    claimed.clear();
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
   * Each file written to the raw zone, in claimed order; empty for a file that failed (and is errored). Files of
   * one layout go together in one Spark job; when that fails, or for a file of its own layout, each is written
   * alone, {@code writers} at a time, so a bad file fails by itself with its own reason.
   */
  private List<Optional<LoadIngester.PreparedChanges>> writeAll(List<CubicLoad> loads) {
    java.util.Map<String, LoadIngester.PreparedChanges> done = new java.util.HashMap<>();
    java.util.Map<LoadIngester.SharedLayout, List<LoadIngester.ChangeFile>> byLayout = new java.util.LinkedHashMap<>();
    List<CubicLoad> alone = new ArrayList<>();
    for (CubicLoad load : loads) {
      ingester.changeFile(load).ifPresentOrElse(
          file -> byLayout.computeIfAbsent(file.layout(), x -> new ArrayList<>()).add(file), () -> alone.add(load));
    }
    for (List<LoadIngester.ChangeFile> group : byLayout.values()) {
      if (group.size() < 2 || !writtenTogether(group, done)) {
        group.forEach(file -> alone.add(file.load()));
      }
    }
    done.putAll(writeAlone(alone));
    return loads.stream().map(l -> Optional.ofNullable(done.get(l.id()))).toList();
  }

  /** Whether {@code group} was written in one job (its files then in {@code done}); false when that failed. */
  private boolean writtenTogether(List<LoadIngester.ChangeFile> group,
      java.util.Map<String, LoadIngester.PreparedChanges> done) {
    try {
      ingester.prepareTogether(group).forEach(p -> done.put(p.load().id(), p));
      return true;
    } catch (Exception e) { // Spark's exceptions are checked in Java but thrown undeclared
      return false;
    }
  }

  /** Each file written alone, {@code writers} at a time; a file that fails is errored and left out. */
  private java.util.Map<String, LoadIngester.PreparedChanges> writeAlone(List<CubicLoad> loads) {
    java.util.Map<String, LoadIngester.PreparedChanges> written = new java.util.HashMap<>();
    if (loads.isEmpty()) {
      return written;
    }
    java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(
        Math.max(1, Math.min(writers, loads.size())));
    try {
      List<java.util.concurrent.Future<Optional<LoadIngester.PreparedChanges>>> futures = new ArrayList<>();
      for (CubicLoad load : loads) {
        futures.add(pool.submit(() -> {
          try {
            return Optional.of(ingester.prepare(load));
          } catch (Exception e) {
            errored(load, e);
            return Optional.<LoadIngester.PreparedChanges>empty();
          }
        }));
      }
      for (java.util.concurrent.Future<Optional<LoadIngester.PreparedChanges>> future : futures) {
        future.get().ifPresent(p -> written.put(p.load().id(), p));
      }
      return written;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while writing change files", e);
    } catch (java.util.concurrent.ExecutionException e) {
      if (e.getCause() instanceof Error error) {
        throw error;
      }
      throw new IllegalStateException(e.getCause());
    } finally {
      pool.shutdownNow();
    }
  }

  private void errored(CubicLoad load, Exception e) {
    registry.move(load.id(), LoadStatus.INGESTING, LoadStatus.READY_FOR_ERRORING,
        withOwner(LoadChange.because(LoadIngester.reason(load, e))), clock.instant());
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
    List<CubicLoad> loads = new ArrayList<>();
    for (CubicLoad load : registry.loads(Optional.of(ready), Optional.empty())) {
      try {
        loads.add(registry.move(load.id(), ready, moving, LoadChange.none(), clock.instant()));
      } catch (LoadTransitionRefusedException anotherRunMovedIt) {
        // another run is finishing it
      }
    }
    Set<String> movedNow = new java.util.HashSet<>(loads.stream().map(CubicLoad::id).toList());
    registry.loads(Optional.of(moving), Optional.empty()).stream()
        .filter(l -> !movedNow.contains(l.id()) && !l.updatedAt().plus(source.lease()).isAfter(takeOverTime()))
        .forEach(loads::add);
    for (CubicLoad load : loads) {
      touched.add(load.id());
      if (done == LoadStatus.ARCHIVED) {
        files.archive(load);
      } else {
        files.error(load);
      }
      registry.move(load.id(), moving, done, LoadChange.none(), clock.instant());
    }
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
