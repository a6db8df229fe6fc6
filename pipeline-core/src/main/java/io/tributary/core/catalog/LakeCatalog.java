package io.tributary.core.catalog;

import java.util.List;
import java.util.Objects;

/**
 * Where the lake's tables are made queryable: the Glue Data Catalog on AWS (Athena reads it), nothing locally.
 * Each call is idempotent: a table is created, or its new columns added and widened columns given their wider
 * type (the job's schema policy has refused any other change before this is called); a partition is registered
 * unless it is.
 */
public interface LakeCatalog {

  /** One column: its name and its Hive type (as Spark's {@code catalogString} gives it). */
  record Column(String name, String type) {
    public Column {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(type, "type");
    }
  }

  /**
   * One directory of Parquet files: a partition of the table {@code table} rooted at {@code tableLocation}, with
   * partition keys {@code partitionKeys} (Cubic: snapshot and identifier for ODS, identifier otherwise; JDBC:
   * load_date, and load_time for windows shorter than a day).
   */
  record Partition(String table, String tableLocation, List<Column> columns, List<String> partitionKeys,
      List<String> partitionValues, String location) {
    public Partition {
      columns = List.copyOf(columns);
      partitionKeys = List.copyOf(partitionKeys);
      partitionValues = List.copyOf(partitionValues);
    }
  }

  /** Registers (or extends) the partition's table and adds the partition. */
  void partitionLoaded(Partition partition);

  /** Registers (or updates the columns of) a Delta table, which readers read from its own log. */
  void deltaTableUpdated(String table, String location, List<Column> columns);

  /** A catalog that records nothing (local runs). */
  static LakeCatalog none() {
    return new LakeCatalog() {
      @Override
      public void partitionLoaded(Partition partition) {}

      @Override
      public void deltaTableUpdated(String table, String location, List<Column> columns) {}
    };
  }
}
