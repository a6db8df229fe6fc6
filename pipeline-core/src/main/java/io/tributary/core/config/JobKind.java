package io.tributary.core.config;

import io.tributary.core.kind.JobKindDefinition;
import io.tributary.core.kind.convert.ConvertKind;
import io.tributary.core.kind.cubic.CubicKind;
import io.tributary.core.kind.jdbc.JdbcKind;
import io.tributary.core.kind.warehouse.WarehouseKind;
import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The registry of job kinds: what a job runs, named in the job table's {@code script_source} column (where
 * the seed put the path of a PySpark script). Each constant registers its kind's {@link JobKindDefinition};
 * a job's kind follows from its (sealed) {@link JobSource}. Adding a kind: see docs/architecture.md.
 */
public enum JobKind {
  /** Incremental pull of a JDBC table, one load window at a time, into the RAW zone. */
  JDBC_INGEST(new JdbcKind()),
  /** Conversion of S3DB data to Parquet or Arrow, one time range (window) at a time, or live-fill. */
  CONVERT(new ConvertKind()),
  /** The latest lake data into a SQL warehouse, tables created and evolved, each data date loaded once. */
  WAREHOUSE_LOAD(new WarehouseKind()),
  /** Cubic's incoming files as tracked loads: raw Parquet, current-state Delta tables, archived or errored. */
  CUBIC_INGEST(new CubicKind());

  private final JobKindDefinition<?, ?> definition;

  JobKind(JobKindDefinition<?, ?> definition) {
    this.definition = definition;
  }

  /** The name used in config.txt. */
  public String label() {
    return definition.label();
  }

  /** Everything about the kind: options, entry point, step flags. */
  public JobKindDefinition<?, ?> definition() {
    return definition;
  }

  /** The kind whose jobs read {@code source}. */
  public static JobKind of(JobSource source) {
    return Arrays.stream(values()).filter(k -> k.definition.sourceType().isInstance(source)).findFirst()
        .orElseThrow(() -> new IllegalStateException("no job kind reads " + source.getClass().getName()));
  }

  /** The kind named {@code label}, if any. */
  public static Optional<JobKind> fromLabel(String label) {
    return Arrays.stream(values()).filter(k -> k.label().equals(label)).findFirst();
  }

  /** The kind whose Spark entry point is {@code className}, if any. */
  public static Optional<JobKind> fromEntryPoint(String className) {
    return Arrays.stream(values()).filter(k -> k.definition.entryPoint().equals(className)).findFirst();
  }

  /** All labels, comma separated, for error messages. */
  public static String labels() {
    return Arrays.stream(values()).map(JobKind::label).collect(Collectors.joining(", "));
  }
}
