package io.tributary.core.kind.warehouse;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One table of a warehouse config: where it goes ({@code meta.schema}.{@code dest}), its columns, its data-date
 * column, and whether its columns are matched to the target's by name in any order ({@code meta.columnorder: any},
 * the seed tool's rule for schema {@code mongo_raw}, whose document sources have no stable order) or in order.
 */
public record WarehouseTable(String schema, String name, List<WarehouseColumn> columns, String dataDateColumn,
    boolean columnsInAnyOrder) {
  /** The schema whose tables the seed tool compares by column name in any order (its checkSchemas). */
  public static final String ANY_ORDER_SCHEMA = "mongo_raw";

  public WarehouseTable {
    Objects.requireNonNull(schema, "schema");
    Objects.requireNonNull(name, "name");
    columns = List.copyOf(columns);
    Objects.requireNonNull(dataDateColumn, "dataDateColumn");
  }

  /** A table whose columns are compared in order. */
  public WarehouseTable(String schema, String name, List<WarehouseColumn> columns, String dataDateColumn) {
    this(schema, name, columns, dataDateColumn, false);
  }

  /** The column named {@code name}, if any. */
  public Optional<WarehouseColumn> column(String columnName) {
    return columns.stream().filter(c -> c.name().equals(columnName)).findFirst();
  }

  /** The data-date column's declaration. */
  public WarehouseColumn dataDate() {
    return column(dataDateColumn).orElseThrow();
  }
}
