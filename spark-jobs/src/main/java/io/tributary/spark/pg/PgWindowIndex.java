package io.tributary.spark.pg;

import io.tributary.core.config.JdbcSource;
import io.tributary.core.config.SqlIdentifier;
import io.tributary.core.config.TableName;
import io.tributary.core.window.LoadWindow;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Locale;

/**
 * Whether PostgreSQL can find a window's rows without reading the whole table: a valid index (b-tree, BRIN or
 * any other) whose first column is the window column. Without one, every window scans the table.
 */
public final class PgWindowIndex {
  private static final String INDEXED_SQL = """
      SELECT EXISTS (
        SELECT 1 FROM pg_index i
        JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = i.indkey[0]
        WHERE i.indrelid = ?::regclass AND a.attname = ? AND i.indisvalid)""";

  private PgWindowIndex() {}

  /** Whether {@code table} has a usable index leading with {@code windowColumn}. */
  public static boolean exists(Connection connection, TableName table, SqlIdentifier windowColumn) throws SQLException {
    try (PreparedStatement statement = connection.prepareStatement(INDEXED_SQL)) {
      statement.setString(1, table.quoted());
      statement.setString(2, windowColumn.name().toLowerCase(Locale.ROOT)); // as PostgreSQL folds it
      try (ResultSet row = statement.executeQuery()) {
        row.next();
        return row.getBoolean(1);
      }
    }
  }

  /**
   * Whether the database finds the rows of {@code windowSelect} (a window's query) through an index rather than
   * by scanning the table, as EXPLAIN says. A window that is most of its table is scanned even when indexed:
   * splitting it into ranges would then force index scans that cost more than the scan.
   */
  public static boolean findsWindowThroughIndex(Connection connection, String windowSelect) throws SQLException {
    try (Statement statement = connection.createStatement();
        ResultSet plan = statement.executeQuery("EXPLAIN " + windowSelect)) {
      while (plan.next()) {
        if (plan.getString(1).contains("Index Scan") || plan.getString(1).contains("Index Only Scan")) {
          return true;
        }
      }
      return false;
    }
  }

  /**
   * Whether to read {@code window} of {@code source} as ranges of the window: its column is indexed and the
   * database would find the window through the index.
   */
  public static boolean splitByRanges(Connection connection, JdbcSource source,
      List<PgColumn> columns, LoadWindow window) throws SQLException {
    return exists(connection, source.table(), source.windowColumn())
        && findsWindowThroughIndex(connection, PgReadPlan.windowSelect(source, columns, window));
  }

  /** The warning for a window column without an index, saying what it costs and how to add one. */
  public static String warning(TableName table, SqlIdentifier windowColumn) {
    return "warning: " + table + " has no index on " + windowColumn + ": every window reads the whole table"
        + " (CREATE INDEX ON " + table.quoted() + " (" + windowColumn.quoted() + "))";
  }
}
