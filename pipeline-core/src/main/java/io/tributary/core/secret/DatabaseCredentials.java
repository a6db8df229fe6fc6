package io.tributary.core.secret;

import java.util.Objects;

/**
 * How to reach a source database. {@link #toString()} never shows the password, and shows the URL
 * without its query (where a password may hide).
 */
public record DatabaseCredentials(String jdbcUrl, String user, String password) {

  public DatabaseCredentials {
    Objects.requireNonNull(jdbcUrl, "jdbcUrl");
    Objects.requireNonNull(user, "user");
    Objects.requireNonNull(password, "password");
  }

  /** The JDBC URL without its query string, safe to log. */
  public String redactedUrl() {
    int query = jdbcUrl.indexOf('?');
    return query < 0 ? jdbcUrl : jdbcUrl.substring(0, query) + "?<redacted>";
  }

  @Override
  public String toString() {
    return "DatabaseCredentials[url=" + redactedUrl() + ", user=" + user + ", password=<redacted>]";
  }
}
