package io.tributary.core.history;

import java.util.Objects;

/**
 * The commit a run made to its job's current-state table: the table's location, the Delta version its merge
 * created, and how many of the window's rows it merged (each key's newest applied where newer than the state's).
 */
public record StateCommit(String table, long version, long rows) {
  public StateCommit {
    Objects.requireNonNull(table, "table");
    if (version < 0 || rows < 0) {
      throw new IllegalArgumentException("a state commit's version and rows are not negative: " + version + ", "
          + rows);
    }
  }
}
