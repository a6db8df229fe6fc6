package io.tributary.spark.pg;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * The source's transactions that could still commit rows into a window: client sessions of the same database,
 * other than Tributary's own readers, with a transaction begun before the window's stop and still open. In
 * PostgreSQL {@code now()} is the time its transaction began, so any of them can stamp rows inside the window and
 * commit them after it was read. {@code pg_stat_activity} shows another user's transaction only to a member of
 * {@code pg_read_all_stats} (or a superuser): {@link #canSeeOtherSessions} says whether the check is whole.
 */
public final class PgOpenTransactions {
  /** How much of a transaction's current query is kept. */
  static final int QUERY_CHARS = 80;

  static final String OPEN_SQL = """
      SELECT pid, xact_start, state, left(coalesce(query, ''), %d)
      FROM pg_stat_activity
      WHERE datname = current_database() AND pid <> pg_backend_pid() AND backend_type = 'client backend'
        AND xact_start IS NOT NULL AND xact_start < ?
        AND coalesce(application_name, '') NOT LIKE 'tributary%%'
      ORDER BY xact_start, pid""".formatted(QUERY_CHARS);
  static final String VISIBILITY_SQL = "SELECT pg_has_role(current_user, 'pg_read_all_stats', 'USAGE')";

  /** One open transaction: its backend's pid, when it began, the backend's state and its query's first characters. */
  public record OpenTransaction(int pid, Instant began, String state, String query) {
    @Override
    public String toString() {
      return "backend " + pid + " (" + state + " since " + began + "): " + query.replaceAll("\\s+", " ").strip();
    }
  }

  private PgOpenTransactions() {}

  /** True when this connection's user sees every session's transaction ({@code pg_read_all_stats} or superuser). */
  public static boolean canSeeOtherSessions(Connection connection) throws SQLException {
    try (Statement statement = connection.createStatement(); ResultSet row = statement.executeQuery(VISIBILITY_SQL)) {
      row.next();
      return row.getBoolean(1);
    }
  }

  /** The open transactions that began before {@code stop}, oldest first (as far as this user can see). */
  public static List<OpenTransaction> begunBefore(Connection connection, Instant stop) throws SQLException {
    List<OpenTransaction> open = new ArrayList<>();
    try (PreparedStatement statement = connection.prepareStatement(OPEN_SQL)) {
      statement.setObject(1, stop.atOffset(ZoneOffset.UTC));
      try (ResultSet rows = statement.executeQuery()) {
        while (rows.next()) {
          Timestamp began = rows.getTimestamp(2);
          open.add(new OpenTransaction(rows.getInt(1), began.toInstant(), String.valueOf(rows.getString(3)),
              rows.getString(4)));
        }
      }
    }
    return open;
  }
}
