package io.tributary.core.config;

import java.util.List;
import java.util.Locale;

/**
 * How a jdbc-ingest job's windows land in the RAW zone ({@code output_format=parquet|delta} in its options):
 * Parquet directories published by rename (the default), or one Delta table whose every window is one commit
 * replacing its partition, so a reader (on S3 too) sees a whole window or the one before it, never part of one.
 */
public enum JdbcOutputFormat {
  PARQUET,
  DELTA;

  /** The format's name in an options cell. */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The format named {@code value}; a problem goes to {@code problems} (then PARQUET is returned). */
  static JdbcOutputFormat parse(String value, List<String> problems) {
    for (JdbcOutputFormat format : values()) {
      if (format.name().equalsIgnoreCase(value)) {
        return format;
      }
    }
    problems.add("output_format: '" + value + "' is not parquet or delta");
    return PARQUET;
  }
}
