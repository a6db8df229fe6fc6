package io.tributary.core.history;

import java.util.Objects;
import java.util.Optional;

/**
 * The commit a run made to its job's current-state table: the table's location, the Delta version it ended at,
 * how many of the window's rows it merged (each key's newest applied where newer than the state's), and, when the
 * run looked for keys deleted at the source, how many it found.
 */
public record StateCommit(String table, long version, long rows, Optional<Long> deletedKeys) {
  public StateCommit {
    Objects.requireNonNull(table, "table");
    Objects.requireNonNull(deletedKeys, "deletedKeys");
    if (version < 0 || rows < 0) {
      throw new IllegalArgumentException("a state commit's version and rows are not negative: " + version + ", "
          + rows);
    }
  }

  /** This commit, after a look for deleted keys that found {@code keys} and ended at {@code newVersion}. */
  public StateCommit withDeletes(long keys, long newVersion) {
    return new StateCommit(table, newVersion, rows, Optional.of(keys));
  }
}
