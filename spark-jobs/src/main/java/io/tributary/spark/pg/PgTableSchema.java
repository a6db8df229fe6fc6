package io.tributary.spark.pg;

import io.tributary.core.config.TableName;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.types.DecimalType;

/** Reads a table's columns from the PostgreSQL catalog and decides how each is read. */
public final class PgTableSchema {
  private static final String COLUMNS_SQL = """
      SELECT a.attname, format_type(a.atttypid, a.atttypmod), t.typname, t.typcategory, e.typname, a.atttypmod
      FROM pg_attribute a
      JOIN pg_type t ON t.oid = a.atttypid
      LEFT JOIN pg_type e ON e.oid = t.typelem AND t.typcategory = 'A'
      WHERE a.attrelid = ?::regclass AND a.attnum > 0 AND NOT a.attisdropped
      ORDER BY a.attnum""";

  private PgTableSchema() {}

  /** The columns of {@code table}, in table order; throws when the table does not exist. */
  public static List<PgColumn> read(Connection connection, TableName table) throws SQLException {
    List<PgColumn> columns = new ArrayList<>();
    try (PreparedStatement statement = connection.prepareStatement(COLUMNS_SQL)) {
      statement.setString(1, table.quoted());
      try (ResultSet rows = statement.executeQuery()) {
        while (rows.next()) {
          boolean array = "A".equals(rows.getString(4));
          String baseName = array ? rows.getString(5) : rows.getString(3);
          columns.add(column(rows.getString(1), rows.getString(2), baseName, array, rows.getInt(6)));
        }
      }
    }
    if (columns.isEmpty()) {
      throw new SQLException("table " + table + " has no columns");
    }
    return columns;
  }

  private static PgColumn column(String name, String catalogType, String baseName, boolean array, int typmod) {
    PgType type = baseName == null ? null : PgType.byName(baseName);
    if (type != PgType.NUMERIC) {
      return new PgColumn(name, catalogType, type, array, 0, 0);
    }
    // numeric typmod packs (precision << 16 | scale) + 4; -1 means unconstrained.
    int precision = typmod < 0 ? 0 : ((typmod - 4) >> 16) & 0xffff;
    int scale = typmod < 0 ? 0 : (short) ((typmod - 4) & 0xffff);
    boolean fitsDecimal = typmod >= 0 && precision <= DecimalType.MAX_PRECISION() && scale >= 0 && scale <= precision;
    return fitsDecimal
        ? new PgColumn(name, catalogType, PgType.NUMERIC, array, precision, scale)
        : new PgColumn(name, catalogType, null, array, 0, 0); // exact text, never rounded
  }
}
