package io.tributary.spark.pg;

import io.tributary.core.config.JdbcSource;
import io.tributary.core.window.LoadWindow;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Counts windows at the source in one query, a {@code count(*)} per window over its range of the window column
 * joined by {@code UNION ALL}, with optionally a checksum of each row's key ({@code partition_by_col}) and
 * window-column value: what a run compares with history to find windows whose source changed after they were
 * loaded. Without the checksum each count is an index-only scan where the column is indexed and the table's
 * visibility map is current; one grouped query with a {@code CASE} per row cost three times as much (see
 * docs/benchmarks.md).
 */
public final class PgWindowCounts {
  /** One window's figures at the source. */
  public record WindowCount(long rows, Optional<Long> checksum) {}

  private final String sql;
  private final List<LoadWindow> windows;
  private final boolean checksum;

  private PgWindowCounts(String sql, List<LoadWindow> windows, boolean checksum) {
    this.sql = sql;
    this.windows = windows;
    this.checksum = checksum;
  }

  /** The count of {@code windows} (at least one) of {@code source}, whose columns are {@code columns}. */
  public static PgWindowCounts of(JdbcSource source, List<PgColumn> columns, List<LoadWindow> windows,
      boolean checksum) {
    if (windows.isEmpty()) {
      throw new IllegalArgumentException("no windows to count");
    }
    PgColumn windowColumn = PgReadPlan.windowColumn(source, columns);
    String sum = "";
    if (checksum) {
      PgColumn key = PgReadPlan.column(columns, source.partitioning().column().name(), "partition_by_col");
      sum = ", coalesce(sum(hashtext(coalesce(" + key.quotedName() + "::text, '') || '|' || "
          + windowColumn.quotedName() + "::text)::bigint), 0)";
    }
    List<String> counts = new ArrayList<>();
    for (int i = 0; i < windows.size(); i++) {
      counts.add("SELECT " + i + " AS w, count(*)" + sum + " FROM " + source.table().quoted() + " WHERE "
          + PgReadPlan.windowPredicate(windowColumn, windows.get(i)));
    }
    String sql = String.join(" UNION ALL ", counts);
    return new PgWindowCounts(sql, List.copyOf(windows), checksum);
  }

  /** The query. */
  public String sql() {
    return sql;
  }

  /** Runs the query on {@code connection} (in its snapshot, if it holds one): every window, 0 rows where none. */
  public Map<LoadWindow, WindowCount> run(Connection connection) throws SQLException {
    Map<LoadWindow, WindowCount> counts = new HashMap<>();
    windows.forEach(w -> counts.put(w, new WindowCount(0, checksum ? Optional.of(0L) : Optional.empty())));
    try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery(sql)) {
      while (rows.next()) {
        int index = rows.getInt(1);
        if (!rows.wasNull()) {
          counts.put(windows.get(index), new WindowCount(rows.getLong(2),
              checksum ? Optional.of(rows.getLong(3)) : Optional.empty()));
        }
      }
    }
    return counts;
  }
}
