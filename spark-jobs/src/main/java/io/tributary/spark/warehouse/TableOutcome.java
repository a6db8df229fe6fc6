package io.tributary.spark.warehouse;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/** What a load did to one table: the input, its data date, the action, rows loaded, time, and why when not loaded. */
public record TableOutcome(String table, String input, Optional<Instant> dataDate, Action action, long rows,
    Duration duration, Optional<String> detail) {

  /** The ways a table's load ends. */
  public enum Action {
    /** The table did not exist: created from the config, then loaded. */
    CREATED,
    /** A data date newer than the table's: loaded beside the rest. */
    APPENDED,
    /** The table's latest data date again: its rows replaced. */
    REPLACED,
    /** An older data date loaded with --force: its rows replaced. */
    FORCED,
    /** --truncate: the table's contents replaced. */
    TRUNCATED,
    /** The table holds newer data; nothing changed (--force reloads). */
    SKIPPED,
    /** No input (in the window); nothing changed. */
    NO_INPUT,
    /** Nothing changed: the load was refused or failed (detail says why). */
    FAILED;

    public boolean failed() {
      return this == FAILED;
    }
  }
}
