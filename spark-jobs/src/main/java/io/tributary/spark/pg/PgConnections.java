package io.tributary.spark.pg;

import io.tributary.core.config.SqlIdentifier;
import io.tributary.core.secret.DatabaseCredentials;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Opens connections to a job's source database with credentials that never reach a message. */
public final class PgConnections {
  private static final Pattern URL = Pattern.compile("(jdbc:postgresql://[^/?]*)(/[^?]*)?(\\?.*)?");

  private PgConnections() {}

  /** The credential URL pointed at {@code database} (the job's database_name). */
  public static String urlFor(DatabaseCredentials credentials, SqlIdentifier database) {
    Matcher matcher = URL.matcher(credentials.jdbcUrl());
    if (!matcher.matches()) {
      throw new IllegalArgumentException("the JDBC URL " + credentials.redactedUrl()
          + " is not a jdbc:postgresql://host[:port][/database] URL");
    }
    String query = matcher.group(3) == null ? "" : matcher.group(3);
    return matcher.group(1) + "/" + database.name() + query;
  }

  /** Opens a connection to {@code database}, session time zone UTC. */
  public static Connection open(DatabaseCredentials credentials, SqlIdentifier database) throws SQLException {
    Properties properties = new Properties();
    properties.setProperty("user", credentials.user());
    properties.setProperty("password", credentials.password());
    properties.setProperty("ApplicationName", "tributary");
    properties.setProperty("options", "-c TimeZone=UTC");
    String url = urlFor(credentials, database);
    try {
      return DriverManager.getConnection(url, properties);
    } catch (SQLException e) {
      throw new SQLException("cannot connect to " + new DatabaseCredentials(url, credentials.user(), "")
          .redactedUrl() + " as " + credentials.user() + ": " + scrub(e.getMessage(), credentials, url),
          e.getSQLState());
    }
  }

  /** {@code text} with the password and the full URL (which may embed it) blanked out. */
  public static String scrub(String text, DatabaseCredentials credentials, String url) {
    if (text == null) {
      return "";
    }
    String out = text.replace(url, "<url>").replace(credentials.jdbcUrl(), "<url>");
    return credentials.password().isEmpty() ? out : out.replace(credentials.password(), "<redacted>");
  }
}
