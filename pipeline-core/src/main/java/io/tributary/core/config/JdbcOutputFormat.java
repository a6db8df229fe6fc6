package io.tributary.core.config;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * How a jdbc-ingest job's windows land in the RAW zone, from its options cell ({@code -} or
 * {@code output_format=parquet|delta}): Parquet directories published by rename (the default), or one Delta
 * table whose every window is one commit replacing its partition, so a reader (on S3 too) sees a whole window
 * or the one before it, never part of one.
 */
public enum JdbcOutputFormat {
  PARQUET,
  DELTA;

  private static final String KEY = "output_format";

  /** The options cell of this format: {@code -} for the default. */
  public String optionsCell() {
    return this == PARQUET ? JobRows.NOT_APPLICABLE : KEY + "=" + name().toLowerCase(Locale.ROOT);
  }

  /** Parses an options cell ({@code output_format=...}); every problem goes to {@code problems}; null when any. */
  public static JdbcOutputFormat parse(String cell, List<String> problems) {
    int before = problems.size();
    Map<String, String> options = OptionsCell.parse(cell, Set.of(KEY), problems);
    String value = options.getOrDefault(KEY, "parquet");
    for (JdbcOutputFormat format : values()) {
      if (format.name().equalsIgnoreCase(value)) {
        return problems.size() == before ? format : null;
      }
    }
    problems.add(KEY + ": '" + value + "' is not parquet or delta");
    return null;
  }
}
