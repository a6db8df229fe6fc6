package io.tributary.core.kind.warehouse;

import java.util.Objects;
import java.util.Optional;

/**
 * One column of a warehouse table config: its name ({@code dest}), type, default, constraints, and the
 * Redshift-only distribution and sort keys ({@code sortord} 0 when not a sort key).
 */
public record WarehouseColumn(String name, ColumnType type, Optional<String> defaultValue, boolean notNull,
    boolean primaryKey, boolean distKey, int sortOrdinal) {
  public WarehouseColumn {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(defaultValue, "defaultValue");
  }
}
