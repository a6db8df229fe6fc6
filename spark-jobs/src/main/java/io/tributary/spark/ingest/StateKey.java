package io.tributary.spark.ingest;

import java.util.List;

/**
 * The key of a jdbc-ingest job's current state: its columns, and whether the source enforces it. A table's own
 * primary key is enforced by PostgreSQL, so a window, read in one snapshot, holds each key at most once and its
 * merge need not look for a key that comes twice; a {@code primary_key} the job names may repeat in a window, where
 * {@code order_by} settles which version is newest.
 *
 * @param columns the key's columns, in order
 * @param enforcedAtSource whether the key is the source table's own primary key, and so held once by a window read
 *     in one snapshot
 */
public record StateKey(List<String> columns, boolean enforcedAtSource) {
  public StateKey {
    if (columns.isEmpty()) {
      throw new IllegalArgumentException("a current state's key needs at least one column");
    }
    columns = List.copyOf(columns);
  }

  /**
   * This key as a window holds it: as is where the window was read in one snapshot, and otherwise (partitions read
   * apart, which may each see a row that moved between them) as a key that may repeat.
   */
  public StateKey inWindow(boolean readInOneSnapshot) {
    return readInOneSnapshot ? this : new StateKey(columns, false);
  }
}
