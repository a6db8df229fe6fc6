package io.tributary.core.kind.warehouse;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What must change in the target before a load: create the table, add trailing columns, or nothing; or the
 * refusal, naming the column and both definitions, when the target differs in any other way (a type
 * changed, a column dropped, renamed or reordered, not-null or primary key changed). A table whose columns are
 * matched in any order ({@link WarehouseTable#columnsInAnyOrder}) is compared by name instead.
 */
public record SchemaChange(boolean create, List<WarehouseColumn> addColumns, Optional<String> refusal) {

  /** Compares {@code config} with the target's columns (empty when the table does not exist). */
  public static SchemaChange between(WarehouseTable config, List<TargetColumn> target, WarehouseDialect dialect) {
    if (target.isEmpty()) {
      return new SchemaChange(true, List.of(), Optional.empty());
    }
    if (config.columnsInAnyOrder()) {
      return byName(config, target, dialect);
    }
    List<WarehouseColumn> wanted = config.columns();
    for (int i = 0; i < target.size(); i++) {
      TargetColumn have = target.get(i);
      if (i >= wanted.size()) {
        return refused("column '" + have.name() + "' is in the target (" + have.definition()
            + ") but not in the config: dropping columns is not supported");
      }
      TargetColumn want = expected(wanted.get(i), dialect);
      if (!have.name().equals(want.name())) {
        return refused("column " + (i + 1) + " is '" + have.definition() + "' in the target but '"
            + want.definition() + "' in the config: renaming or reordering columns is not supported");
      }
      if (!have.equals(want)) {
        return mismatch(have, want);
      }
    }
    return adding(new ArrayList<>(wanted.subList(target.size(), wanted.size())));
  }

  /**
   * The seed tool's checkColumnsWithoutOrdering: each configured column is checked against the target's column of
   * its name, wherever it is; one the target lacks is added; target columns the config does not name stay.
   */
  private static SchemaChange byName(WarehouseTable config, List<TargetColumn> target, WarehouseDialect dialect) {
    List<WarehouseColumn> added = new ArrayList<>();
    for (WarehouseColumn column : config.columns()) {
      TargetColumn want = expected(column, dialect);
      Optional<TargetColumn> have = target.stream().filter(t -> t.name().equals(column.name())).findFirst();
      if (have.isEmpty()) {
        added.add(column);
      } else if (!have.get().equals(want)) {
        return mismatch(have.get(), want);
      }
    }
    return adding(added);
  }

  private static SchemaChange adding(List<WarehouseColumn> added) {
    for (WarehouseColumn column : added) {
      if (column.primaryKey()) {
        return refused("new column '" + column.name() + "' is a primary key: the key of an existing table cannot change");
      }
      if (column.notNull() && column.defaultValue().isEmpty()) {
        return refused("new column '" + column.name() + "' is NOT NULL without a defaultval: existing rows would have none");
      }
    }
    return new SchemaChange(false, added, Optional.empty());
  }

  private static SchemaChange mismatch(TargetColumn have, TargetColumn want) {
    return refused("column '" + have.name() + "' is '" + have.definition() + "' in the target but '"
        + want.definition() + "' in the config");
  }

  private static SchemaChange refused(String reason) {
    return new SchemaChange(false, List.of(), Optional.of(reason));
  }

  /** The catalog's view of a configured column. */
  static TargetColumn expected(WarehouseColumn column, WarehouseDialect dialect) {
    return new TargetColumn(column.name(), dialect.sqlType(column.type()), column.notNull() || column.primaryKey(),
        column.primaryKey());
  }
}
