package io.tributary.core.kind.cubic;

import java.util.List;
import java.util.Objects;

/**
 * Where ingested Cubic data is made queryable: the Glue Data Catalog on AWS (Athena reads it), nothing locally.
 * Each call is idempotent: a table is created or its new columns added, a partition registered unless it is.
 */
public interface CubicCatalog {

  /** One column: its name and its Hive type (as Spark's {@code catalogString} gives it). */
  record Column(String name, String type) {
    public Column {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(type, "type");
    }
  }

  /**
   * A load's raw-zone directory: a partition of the raw table {@code table} rooted at {@code tableLocation},
   * with partition keys {@code partitionKeys} (snapshot and identifier for ODS, identifier otherwise).
   */
  record RawPartition(String table, String tableLocation, List<Column> columns, List<String> partitionKeys,
      List<String> partitionValues, String location) {
    public RawPartition {
      columns = List.copyOf(columns);
      partitionKeys = List.copyOf(partitionKeys);
      partitionValues = List.copyOf(partitionValues);
    }
  }

  /** Registers (or extends) the raw table and adds the load's partition. */
  void rawLoaded(RawPartition partition);

  /** Registers (or updates the columns of) an ODS table's current-state Delta table. */
  void currentStateUpdated(String table, String location, List<Column> columns);

  /** A catalog that records nothing (local runs). */
  static CubicCatalog none() {
    return new CubicCatalog() {
      @Override
      public void rawLoaded(RawPartition partition) {}

      @Override
      public void currentStateUpdated(String table, String location, List<Column> columns) {}
    };
  }
}
