package io.tributary.spark.warehouse;

import io.tributary.core.kind.warehouse.TargetColumn;
import io.tributary.core.kind.warehouse.WarehouseDialect;
import io.tributary.core.kind.warehouse.WarehouseTable;
import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** A table in the warehouse as its catalog describes it, and its latest data date. */
final class PostgresTarget {
  private PostgresTarget() {}

  /** The table's columns in order, typed as the dialect writes types; empty when the table does not exist. */
  static List<TargetColumn> columns(Connection connection, String schema, String table) throws SQLException {
    Set<String> keys = new HashSet<>();
    try (PreparedStatement pk = connection.prepareStatement("SELECT k.column_name FROM "
        + "information_schema.table_constraints c JOIN information_schema.key_column_usage k "
        + "ON k.constraint_name = c.constraint_name AND k.table_schema = c.table_schema AND k.table_name = c.table_name "
        + "WHERE c.constraint_type = 'PRIMARY KEY' AND c.table_schema = ? AND c.table_name = ?")) {
      pk.setString(1, schema);
      pk.setString(2, table);
      try (ResultSet rows = pk.executeQuery()) {
        while (rows.next()) {
          keys.add(rows.getString(1));
        }
      }
    }
    List<TargetColumn> columns = new ArrayList<>();
    try (PreparedStatement query = connection.prepareStatement("SELECT column_name, data_type, "
        + "character_maximum_length, is_nullable FROM information_schema.columns WHERE table_schema = ? "
        + "AND table_name = ? ORDER BY ordinal_position")) {
      query.setString(1, schema);
      query.setString(2, table);
      try (ResultSet rows = query.executeQuery()) {
        while (rows.next()) {
          String type = rows.getString(2);
          int length = rows.getInt(3);
          if (!rows.wasNull()) {
            type = type + "(" + length + ")";
          }
          String name = rows.getString(1);
          columns.add(new TargetColumn(name, type, rows.getString(4).equals("NO"), keys.contains(name)));
        }
      }
    }
    return columns;
  }

  /** The latest data date in the table, if it holds any row. */
  static Optional<Instant> latestDataDate(Connection connection, WarehouseDialect dialect, WarehouseTable table)
      throws SQLException {
    try (Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery(dialect.latestDataDate(table))) {
      rows.next();
      Object value = rows.getObject(1);
      if (value instanceof Timestamp timestamp) {
        return Optional.of(timestamp.toLocalDateTime().toInstant(ZoneOffset.UTC));
      }
      if (value instanceof Date date) {
        return Optional.of(LocalDate.parse(date.toString()).atStartOfDay(ZoneOffset.UTC).toInstant());
      }
      return Optional.empty();
    }
  }
}
