package io.tributary.core.config;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** The columns of config.txt: the seed's, in its order, then {@code options} (the order written back; any order is read). */
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
  NUM_PARTITIONS,
  /** Settings of kinds other than jdbc-ingest, {@code key=value;...}; optional in the header. */
  OPTIONS;

  /** True when a job table may leave this column out (every row then has it empty). */
  public boolean optional() {
    return this == OPTIONS;
  }

  /** The header name, e.g. {@code load_window_start}. */
  public String header() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The column whose header is {@code header}, if any. */
  public static Optional<JobTableColumn> fromHeader(String header) {
    return Arrays.stream(values()).filter(c -> c.header().equals(header)).findFirst();
  }
}
