package io.tributary.core.kind.cubic;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * What to do, in order, with the loads of one table that a run holds. For an ODS table: every file of an older
 * snapshot, and every change file older than the current snapshot, is superseded (archived, not applied); when
 * the current-state table was not yet built from the current snapshot, its {@code LOAD00000001} rebuilds it and
 * its other LOAD files are added; then the change files are applied in last-modified order. A change file
 * cannot be applied before its snapshot is built: it waits (stays ready) while the snapshot's first file is
 * not yet ingested, and is errored when that file was errored.
 */
public record TablePlan(CubicTable table, List<Step> steps) {

  /** What happens to one load. */
  public enum Action {
    /** Rebuilds the current state from this first file of a new snapshot. */
    REBUILD,
    /** Adds the rows of a further LOAD file of the built snapshot. */
    ADD_SNAPSHOT_ROWS,
    /** Applies a change file to the current state. */
    APPLY_CHANGES,
    /** Written to the raw zone only (DMAP, Kafka). */
    RAW_ONLY,
    /** Archived without being applied: a newer snapshot replaced what it changes. */
    SUPERSEDED,
    /** Errored without being read: its snapshot could not be built. */
    NO_SNAPSHOT,
    /** Left ready for a later run: its snapshot's first file is not ingested yet. */
    WAIT
  }

  /** One load and what happens to it. */
  public record Step(CubicLoad load, Action action, Optional<String> reason) {}

  /**
   * Plans {@code loads} (the table's loads this run holds) for {@code table}; {@code snapshotFirstFile} is the
   * status of the current snapshot's first file's load, if registered; {@code snapshots} says which file that is.
   */
  public static TablePlan of(CubicTable table, List<CubicLoad> loads, Optional<LoadStatus> snapshotFirstFile,
      SnapshotFiles snapshots) {
    List<CubicLoad> ordered = loads.stream().sorted(Comparator
        .comparing((CubicLoad l) -> !snapshots.startsSnapshot(l.incomingKey()))
        .thenComparing((CubicLoad l) -> !l.incomingKey().isSnapshotFile())
        .thenComparing(CubicLoad::lastModified).thenComparing(CubicLoad::key)).toList();
    List<Step> steps = new ArrayList<>();
    if (table.feed() != FeedKind.ODS) {
      ordered.forEach(l -> steps.add(new Step(l, Action.RAW_ONLY, Optional.empty())));
      return new TablePlan(table, steps);
    }
    Optional<Instant> current = table.snapshot();
    boolean built = current.isPresent() && table.builtSnapshot().equals(current);
    for (CubicLoad load : ordered) {
      IncomingKey key = load.incomingKey();
      if (current.isEmpty()) {
        steps.add(new Step(load, Action.NO_SNAPSHOT, Optional.of(key.key() + ": table " + table.name()
            + " has no snapshot")));
      } else if (key.isSnapshotFile() && !load.snapshot().equals(current)) {
        steps.add(superseded(load, current.get()));
      } else if (!key.isSnapshotFile() && load.lastModified().isBefore(current.get())) {
        steps.add(superseded(load, current.get()));
      } else if (snapshots.startsSnapshot(key)) {
        steps.add(new Step(load, Action.REBUILD, Optional.empty()));
        built = true;
      } else if (built) {
        steps.add(new Step(load, key.isSnapshotFile() ? Action.ADD_SNAPSHOT_ROWS : Action.APPLY_CHANGES,
            Optional.empty()));
      } else if (snapshotFirstFile.map(s -> s == LoadStatus.ERRORED || s == LoadStatus.READY_FOR_ERRORING
          || s == LoadStatus.ERRORING).orElse(false)) {
        steps.add(new Step(load, Action.NO_SNAPSHOT, Optional.of(key.key() + ": snapshot "
            + SnapshotTime.format(current.get()) + " of " + table.name() + " was errored, so nothing can be applied to it")));
      } else {
        steps.add(new Step(load, Action.WAIT, Optional.empty()));
      }
    }
    return new TablePlan(table, steps);
  }

  private static Step superseded(CubicLoad load, Instant snapshot) {
    return new Step(load, Action.SUPERSEDED, Optional.of("superseded by snapshot " + SnapshotTime.format(snapshot)));
  }
}
