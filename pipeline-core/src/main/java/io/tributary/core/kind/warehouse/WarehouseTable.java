package io.tributary.core.kind.warehouse;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** One table of a warehouse config: where it goes ({@code meta.schema}.{@code dest}), its columns, its data-date column. */
public record WarehouseTable(String schema, String name, List<WarehouseColumn> columns, String dataDateColumn) {
  public WarehouseTable {
    Objects.requireNonNull(schema, "schema");
    Objects.requireNonNull(name, "name");
    columns = List.copyOf(columns);
    Objects.requireNonNull(dataDateColumn, "dataDateColumn");
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
