package io.tributary.core.config;

import java.util.Arrays;
import java.util.Optional;

/** The columns of config.txt, in the seed's order (the order written back; any order is read). */
public enum JobTableColumn {
  JOB_NAME,
  LOAD_DATE,
  LOAD_WINDOW_START,
  LOAD_WINDOW_STOP,
  JOB_FLOW_ID,
  JOB_STATUS,
  OUTPUT_DIR,
  SCRIPT_SOURCE,
  DATABASE_NAME,
  TABLE_NAME,
  WINDOW_DB_COLUMN,
  PARTITION_BY_COL,
  LOWER_BOUND,
  UPPER_BOUND,
  NUM_PARTITIONS;

  /** The header name, e.g. {@code load_window_start}. */
  public String header() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }

  /** The column whose header is {@code header}, if any. */
  public static Optional<JobTableColumn> fromHeader(String header) {
    return Arrays.stream(values()).filter(c -> c.header().equals(header)).findFirst();
  }
}
