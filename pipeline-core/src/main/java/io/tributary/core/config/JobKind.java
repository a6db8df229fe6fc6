package io.tributary.core.config;

import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * What a job runs, named in the job table's {@code script_source} column (where the seed put the path of
 * a PySpark script). Each kind has one Spark entry point.
 */
public enum JobKind {
  /** Incremental pull of a JDBC table, one load window at a time, into the RAW zone. */
  JDBC_INGEST("jdbc-ingest"),
  /** Conversion of S3DB data to Parquet or Arrow, one time range (window) at a time, or live-fill. */
  CONVERT("convert");

  private final String label;

  JobKind(String label) {
    this.label = label;
  }

  /** The name used in config.txt. */
  public String label() {
    return label;
  }

  /** The kind named {@code label}, if any. */
  public static Optional<JobKind> fromLabel(String label) {
    return Arrays.stream(values()).filter(k -> k.label.equals(label)).findFirst();
  }

  /** All labels, comma separated, for error messages. */
  public static String labels() {
    return Arrays.stream(values()).map(JobKind::label).collect(Collectors.joining(", "));
  }
}
