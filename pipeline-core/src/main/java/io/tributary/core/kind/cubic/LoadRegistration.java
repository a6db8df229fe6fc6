package io.tributary.core.kind.cubic;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Registers what a listing of the incoming prefix (or an S3 event) shows: each new object version once, its
 * table registered on first sight, an ODS {@code LOAD00000001} with a newer last-modified starting a new
 * snapshot. A load that cannot be ingested is registered straight into {@code ready_for_erroring} with its
 * reason: an empty object, an ODS data file without its dfm (once {@code dfmGrace} has passed, since the dfm
 * is uploaded after its data file), an ODS file of a table with no snapshot yet. An object that is neither a data
 * file of its feed ({@link IncomingKey#isData}) nor a dfm is recorded {@code ignored}, never errored.
 */
public final class LoadRegistration {
  private static final int TABLE_WRITE_ATTEMPTS = 10;
  private final CubicRegistry registry;
  private final ActiveTables active;
  private final Duration dfmGrace;
  private final SnapshotFiles snapshots;

  public LoadRegistration(CubicRegistry registry, ActiveTables active, Duration dfmGrace, SnapshotFiles snapshots) {
    this.registry = registry;
    this.active = active;
    this.dfmGrace = dfmGrace;
    this.snapshots = snapshots;
  }

  /** What one registration pass did; {@code ignored} are the objects newly recorded as neither data nor dfm. */
  public record Report(List<CubicLoad> registered, List<String> waitingForDfm, Set<String> inactiveTables,
      List<CubicLoad> ignored) {}

  /** Registers the new objects of {@code listing} (every object under {@code cubic/}, dfm files included). */
  public Report register(List<IncomingObject> listing, Instant now) {
    Map<String, IncomingObject> byKey = listing.stream()
        .collect(Collectors.toMap(IncomingObject::key, Function.identity(), (a, b) -> a));
    List<CubicLoad> registered = new ArrayList<>();
    List<String> waiting = new ArrayList<>();
    Set<String> inactive = new TreeSet<>();
    List<CubicLoad> ignored = new ArrayList<>();
    for (IncomingObject object : listing) {
      Optional<IncomingKey> key = IncomingKey.parse(object.key()).filter(k -> !k.isDfm() && !k.isData());
      if (key.isPresent() && registry.load(object.loadId()).isEmpty()) {
        CubicLoad load = CubicLoad.register(object, key.get().tableName(), LoadStatus.IGNORED, Optional.empty(),
            Optional.of(key.get().key() + ": not a data file of " + key.get().feed().folder() + " nor a .dfm"), now);
        if (registry.register(load)) {
          ignored.add(load);
        }
      }
    }
    List<Map.Entry<IncomingKey, IncomingObject>> data = listing.stream()
        .flatMap(o -> IncomingKey.parse(o.key()).filter(IncomingKey::isData).map(k -> Map.entry(k, o)).stream())
        .sorted(Comparator.<Map.Entry<IncomingKey, IncomingObject>, Boolean>comparing(e -> !snapshots.startsSnapshot(e.getKey()))
            .thenComparing(e -> e.getValue().lastModified()).thenComparing(e -> e.getKey().key()))
        .toList();
    for (Map.Entry<IncomingKey, IncomingObject> entry : data) {
      IncomingKey key = entry.getKey();
      IncomingObject object = entry.getValue();
      CubicTable table = ensureTable(key);
      if (!table.active()) {
        inactive.add(table.name());
        continue;
      }
      if (registry.load(object.loadId()).isPresent()) {
        continue;
      }
      boolean dfmMissing = key.feed() == FeedKind.ODS && !byKey.containsKey(key.dfmKey());
      if (dfmMissing && object.size() > 0 && now.isBefore(object.lastModified().plus(dfmGrace))) {
        waiting.add(key.key());
        continue;
      }
      Optional<Instant> snapshot = key.feed() == FeedKind.ODS ? snapshotOf(key, object) : Optional.empty();
      Optional<String> reason = object.size() == 0 ? Optional.of(key.key() + ": empty object (0 bytes)")
          : dfmMissing ? Optional.of(key.key() + ": no .dfm beside it, expected " + key.dfmKey())
          : key.feed() == FeedKind.ODS && snapshot.isEmpty()
              ? Optional.of(key.key() + ": table " + table.name() + " has no snapshot yet (no snapshot file seen)")
              : Optional.empty();
      CubicLoad load = CubicLoad.register(object, table.name(),
          reason.isPresent() ? LoadStatus.READY_FOR_ERRORING : LoadStatus.READY, snapshot, reason, now);
      if (registry.register(load)) {
        registered.add(load);
      }
    }
    return new Report(registered, waiting, inactive, ignored);
  }

  /** The table of {@code key}, registered (or its active flag brought in line with the job's options). */
  private CubicTable ensureTable(IncomingKey key) {
    boolean isActive = active.includes(key.tableName());
    for (int attempt = 0; attempt < TABLE_WRITE_ATTEMPTS; attempt++) {
      Optional<CubicTable> stored = registry.table(key.tableName());
      if (stored.isPresent() && stored.get().active() == isActive) {
        return stored.get();
      }
      CubicTable table = stored.map(t -> t.withActive(isActive)).orElseGet(() -> CubicTable.of(key, isActive));
      if (registry.putTable(table, stored)) {
        return table;
      }
    }
    throw new IllegalStateException("table " + key.tableName() + " changed " + TABLE_WRITE_ATTEMPTS
        + " times while being registered");
  }

  /**
   * The snapshot an ODS file belongs to: a {@code LOAD00000001} newer than the table's snapshot starts one;
   * an older one keeps its own time (it will be set aside as superseded); every other file belongs to the
   * table's current snapshot.
   */
  private Optional<Instant> snapshotOf(IncomingKey key, IncomingObject object) {
    for (int attempt = 0; attempt < TABLE_WRITE_ATTEMPTS; attempt++) {
      CubicTable table = registry.table(key.tableName()).orElseThrow();
      if (!snapshots.startsSnapshot(key)) {
        return table.snapshot();
      }
      if (table.snapshot().isPresent() && !object.lastModified().isAfter(table.snapshot().get())) {
        return Optional.of(object.lastModified());
      }
      if (registry.putTable(table.withSnapshot(object.lastModified(), key.key()), Optional.of(table))) {
        return Optional.of(object.lastModified());
      }
    }
    throw new IllegalStateException("table " + key.tableName() + " changed " + TABLE_WRITE_ATTEMPTS
        + " times while its snapshot was set");
  }
}
