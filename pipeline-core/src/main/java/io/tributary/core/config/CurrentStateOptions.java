package io.tributary.core.config;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A jdbc-ingest job's current state: with {@code current_state=true}, each loaded window is merged into a Delta
 * table of the source table's latest row per primary key, beside the RAW zone.
 * <ul>
 *   <li>{@code primary_key=a,b}: the key (default: the table's own primary key, read from the source's catalog);
 *   <li>{@code order_by=col}: which of two versions of a key is newer (default: the window column);
 *   <li>{@code deletes=off|soft|hard} (default off): keys gone from the source are left, marked {@code _deleted},
 *       or removed;
 *   <li>{@code delete_check_runs=N} (default 1): look for deleted keys every N runs.
 * </ul>
 *
 * @param primaryKey the key's columns; empty for the table's own
 */
public record CurrentStateOptions(List<String> primaryKey, Optional<String> orderBy, Deletes deletes,
    int deleteCheckRuns) {
  static final String ENABLED = "current_state";
  static final String KEY = "primary_key";
  static final String ORDER = "order_by";
  static final String DELETES = "deletes";
  static final String CHECK_RUNS = "delete_check_runs";
  /** The option keys this record reads. */
  static final Set<String> KEYS = Set.of(ENABLED, KEY, ORDER, DELETES, CHECK_RUNS);
  /** The most runs between two looks for deleted keys. */
  public static final int MAX_CHECK_RUNS = 1000;

  /** What becomes of a key no longer at the source. */
  public enum Deletes {
    /** Nothing: the state keeps it. */
    OFF,
    /** The state's row is marked {@code _deleted} with the time it was found gone. */
    SOFT,
    /** The state's row is removed. */
    HARD;

    /** The option's spelling of this value. */
    public String label() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  public CurrentStateOptions {
    primaryKey = List.copyOf(primaryKey);
    Objects.requireNonNull(orderBy, "orderBy");
    Objects.requireNonNull(deletes, "deletes");
  }

  /** The current state of the job's options, if {@code current_state=true}; problems go to {@code problems}. */
  static Optional<CurrentStateOptions> parse(Map<String, String> options, List<String> problems) {
    String enabled = options.getOrDefault(ENABLED, "false");
    if (!enabled.equals("true") && !enabled.equals("false")) {
      problems.add(ENABLED + ": '" + enabled + "' is not true or false");
      return Optional.empty();
    }
    if (enabled.equals("false")) {
      for (String key : List.of(KEY, ORDER, DELETES, CHECK_RUNS)) {
        if (options.containsKey(key)) {
          problems.add(key + ": only with " + ENABLED + "=true");
        }
      }
      return Optional.empty();
    }
    List<String> key = new ArrayList<>();
    if (options.containsKey(KEY)) {
      Set<String> seen = new HashSet<>();
      for (String column : options.get(KEY).split(",", -1)) {
        if (!SqlIdentifier.isPlain(column)) {
          problems.add(KEY + ": '" + column + "' is not a column name");
        } else if (!seen.add(column.toLowerCase(Locale.ROOT))) {
          problems.add(KEY + ": '" + column + "' is named twice");
        }
        key.add(column);
      }
    }
    Optional<String> order = Optional.ofNullable(options.get(ORDER));
    order.filter(o -> !SqlIdentifier.isPlain(o)).ifPresent(o -> problems.add(ORDER + ": '" + o
        + "' is not a column name"));
    Deletes deletes = Deletes.OFF;
    String deletesValue = options.getOrDefault(DELETES, "off");
    try {
      deletes = Deletes.valueOf(deletesValue.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      problems.add(DELETES + ": '" + deletesValue + "' is not off, soft or hard");
    }
    int runs = 1;
    String runsValue = options.get(CHECK_RUNS);
    if (runsValue != null) {
      if (runsValue.matches("[0-9]{1,4}") && Integer.parseInt(runsValue) >= 1
          && Integer.parseInt(runsValue) <= MAX_CHECK_RUNS) {
        runs = Integer.parseInt(runsValue);
      } else {
        problems.add(CHECK_RUNS + ": '" + runsValue + "' is not a whole number from 1 to " + MAX_CHECK_RUNS);
      }
    }
    return Optional.of(new CurrentStateOptions(key, order, deletes, runs));
  }

  /** Adds these options to an options cell's pairs: only what differs from the defaults. */
  void addTo(List<String> pairs) {
    pairs.add(ENABLED + "=true");
    if (!primaryKey.isEmpty()) {
      pairs.add(KEY + "=" + String.join(",", primaryKey));
    }
    orderBy.ifPresent(o -> pairs.add(ORDER + "=" + o));
    if (deletes != Deletes.OFF) {
      pairs.add(DELETES + "=" + deletes.label());
    }
    if (deleteCheckRuns != 1) {
      pairs.add(CHECK_RUNS + "=" + deleteCheckRuns);
    }
  }
}
