package io.tributary.spark.pg;

import io.tributary.core.config.TableName;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/** Reads a table's primary key from the PostgreSQL catalog. */
public final class PgPrimaryKey {
  private static final String KEY_SQL = """
      SELECT a.attname
      FROM pg_index i
      JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = ANY (i.indkey)
      WHERE i.indrelid = ?::regclass AND i.indisprimary
      ORDER BY array_position(i.indkey::int2[], a.attnum)""";

  private PgPrimaryKey() {}

  /** The columns of {@code table}'s primary key, in key order; empty when it has none. */
  public static List<String> read(Connection connection, TableName table) throws SQLException {
    List<String> key = new ArrayList<>();
    try (PreparedStatement statement = connection.prepareStatement(KEY_SQL)) {
      statement.setString(1, table.quoted());
      try (ResultSet rows = statement.executeQuery()) {
        while (rows.next()) {
          key.add(rows.getString(1));
        }
      }
    }
    return key;
  }
}
