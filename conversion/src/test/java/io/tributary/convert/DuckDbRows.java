package io.tributary.convert;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/** A Parquet file as DuckDB, a reader independent of ours, reads it. */
public final class DuckDbRows {
  private DuckDbRows() {}

  /** The rows DuckDB reads from the Parquet file {@code parquet}. */
  public static long count(Path parquet) throws SQLException {
    try (Connection duckDb = DriverManager.getConnection("jdbc:duckdb:");
        Statement statement = duckDb.createStatement();
        ResultSet rows = statement.executeQuery("SELECT count(*) FROM read_parquet('" + parquet + "')")) {
      rows.next();
      return rows.getLong(1);
    }
  }
}
