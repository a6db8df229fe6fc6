package io.tributary.core.config;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * A jdbc-ingest job's options cell ({@code -} for the defaults, or {@code key=value;...}):
 * <ul>
 *   <li>{@code output_format=parquet|delta}: how windows land (see {@link JdbcOutputFormat});
 *   <li>{@code settle_seconds=N} (default 60): how long a run waits for source transactions begun before the
 *       window's stop and still open, before it leaves the window WAITING for the next run;
 *   <li>{@code lag_seconds=N} (default 600): where the reader cannot see other sessions' transactions (no
 *       {@code pg_read_all_stats}), how long after its stop a window is read instead;
 *   <li>{@code recheck_windows=N} (default 7, 0 = off): how many of the job's last loaded windows each run counts
 *       again at the source, loading again any whose source changed;
 *   <li>{@code recheck_checksum=true|false} (default false): compare a checksum of key and window column too;
 *   <li>{@code accept_schema_change=true|false} (default false): write a retyped, narrowed or dropped column
 *       instead of failing the window (for a back-fill that rewrites the windows in the new schema);
 *   <li>{@code glue_database=NAME}: the Glue database the job's table is registered in, a partition per window
 *       (none when absent);
 *   <li>{@code current_state=true} with its {@code primary_key}, {@code order_by}, {@code deletes} and
 *       {@code delete_check_runs}: see {@link CurrentStateOptions}.
 * </ul>
 */
public record JdbcOptions(JdbcOutputFormat outputFormat, Duration settle, Duration lag, int recheckWindows,
    boolean recheckChecksum, boolean acceptSchemaChange, Optional<String> glueDatabase,
    Optional<CurrentStateOptions> currentState) {
  /** The options of a {@code -} cell. */
  public static final JdbcOptions DEFAULTS = new JdbcOptions(JdbcOutputFormat.PARQUET, Duration.ofSeconds(60),
      Duration.ofSeconds(600), 7, false, false, Optional.empty(), Optional.empty());
  /** The most windows a run may count again. */
  public static final int MAX_RECHECK_WINDOWS = 100;

  private static final String FORMAT = "output_format";
  private static final String SETTLE = "settle_seconds";
  private static final String LAG = "lag_seconds";
  private static final String RECHECK = "recheck_windows";
  private static final String CHECKSUM = "recheck_checksum";
  private static final String ACCEPT = "accept_schema_change";
  private static final Set<String> KEYS = Stream.concat(Stream.of(FORMAT, SETTLE, LAG, RECHECK, CHECKSUM, ACCEPT,
      GlueDatabase.KEY), CurrentStateOptions.KEYS.stream()).collect(Collectors.toUnmodifiableSet());
  private static final long MAX_SECONDS = 86_400;

  public JdbcOptions {
    Objects.requireNonNull(outputFormat, "outputFormat");
    Objects.requireNonNull(settle, "settle");
    Objects.requireNonNull(lag, "lag");
    Objects.requireNonNull(glueDatabase, "glueDatabase");
    Objects.requireNonNull(currentState, "currentState");
  }

  /** This job's options with another output format. */
  public JdbcOptions withFormat(JdbcOutputFormat format) {
    return new JdbcOptions(format, settle, lag, recheckWindows, recheckChecksum, acceptSchemaChange, glueDatabase,
        currentState);
  }

  /** Parses an options cell; every problem goes to {@code problems}; null when any. */
  public static JdbcOptions parse(String cell, List<String> problems) {
    int before = problems.size();
    Map<String, String> options = OptionsCell.parse(cell, KEYS, problems);
    JdbcOutputFormat format = JdbcOutputFormat.parse(options.getOrDefault(FORMAT, "parquet"), problems);
    long settle = whole(options, SETTLE, DEFAULTS.settle.toSeconds(), MAX_SECONDS, problems);
    long lag = whole(options, LAG, DEFAULTS.lag.toSeconds(), MAX_SECONDS, problems);
    long recheck = whole(options, RECHECK, DEFAULTS.recheckWindows, MAX_RECHECK_WINDOWS, problems);
    boolean checksum = flag(options, CHECKSUM, problems);
    boolean accept = flag(options, ACCEPT, problems);
    Optional<String> glue = GlueDatabase.parse(options.get(GlueDatabase.KEY), problems);
    Optional<CurrentStateOptions> state = CurrentStateOptions.parse(options, problems);
    return problems.size() == before ? new JdbcOptions(format, Duration.ofSeconds(settle), Duration.ofSeconds(lag),
        (int) recheck, checksum, accept, glue, state) : null;
  }

  /** The options cell of these options: only what differs from the defaults, {@code -} when nothing does. */
  public String optionsCell() {
    List<String> pairs = new ArrayList<>();
    if (outputFormat != DEFAULTS.outputFormat) {
      pairs.add(FORMAT + "=" + outputFormat.label());
    }
    if (!settle.equals(DEFAULTS.settle)) {
      pairs.add(SETTLE + "=" + settle.toSeconds());
    }
    if (!lag.equals(DEFAULTS.lag)) {
      pairs.add(LAG + "=" + lag.toSeconds());
    }
    if (recheckWindows != DEFAULTS.recheckWindows) {
      pairs.add(RECHECK + "=" + recheckWindows);
    }
    if (recheckChecksum) {
      pairs.add(CHECKSUM + "=true");
    }
    if (acceptSchemaChange) {
      pairs.add(ACCEPT + "=true");
    }
    glueDatabase.ifPresent(d -> pairs.add(GlueDatabase.KEY + "=" + d));
    currentState.ifPresent(state -> state.addTo(pairs));
    return pairs.isEmpty() ? JobRows.NOT_APPLICABLE : String.join(";", pairs);
  }

  private static long whole(Map<String, String> options, String key, long fallback, long max, List<String> problems) {
    String value = options.get(key);
    if (value == null) {
      return fallback;
    }
    try {
      long parsed = Long.parseLong(value);
      if (parsed >= 0 && parsed <= max) {
        return parsed;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    problems.add(key + ": '" + value + "' is not a whole number from 0 to " + max);
    return fallback;
  }

  private static boolean flag(Map<String, String> options, String key, List<String> problems) {
    String value = options.getOrDefault(key, "false");
    if (value.equals("true") || value.equals("false")) {
      return value.equals("true");
    }
    problems.add(key + ": '" + value + "' is not true or false");
    return false;
  }
}
