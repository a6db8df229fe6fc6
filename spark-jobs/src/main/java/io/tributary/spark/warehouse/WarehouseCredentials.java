package io.tributary.spark.warehouse;

import io.tributary.aws.SecretSources;
import io.tributary.core.secret.DatabaseCredentials;
import io.tributary.core.secret.SecretSourceSpec;
import io.tributary.core.secret.SecretUnavailableException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Map;
import java.util.Properties;

/**
 * How to reach the warehouse. From the environment ({@code env}): {@code WAREHOUSE_JDBC_URL},
 * {@code WAREHOUSE_USER}, {@code WAREHOUSE_PASSWORD}, or the seed tool's {@code REDSHIFT_HOST},
 * {@code REDSHIFT_PORT} (default 5439), {@code REDSHIFT_DB}, {@code REDSHIFT_USER}, {@code REDSHIFT_PASSWORD};
 * otherwise from the secret source the job names (SSM parameters on AWS, or a properties file). Never printed.
 */
public final class WarehouseCredentials {
  private WarehouseCredentials() {}

  public static DatabaseCredentials resolve(SecretSourceSpec spec, Map<String, String> env) {
    if (spec.kind() != SecretSourceSpec.Kind.ENV) {
      return SecretSources.fromSpec(spec).databaseCredentials();
    }
    if (present(env, "WAREHOUSE_JDBC_URL")) {
      return new DatabaseCredentials(env.get("WAREHOUSE_JDBC_URL"), require(env, "WAREHOUSE_USER"),
          require(env, "WAREHOUSE_PASSWORD"));
    }
    if (present(env, "REDSHIFT_HOST")) {
      String url = "jdbc:postgresql://" + env.get("REDSHIFT_HOST") + ":" + env.getOrDefault("REDSHIFT_PORT", "5439")
          + "/" + require(env, "REDSHIFT_DB");
      return new DatabaseCredentials(url, require(env, "REDSHIFT_USER"), require(env, "REDSHIFT_PASSWORD"));
    }
    throw new SecretUnavailableException("no warehouse connection: set WAREHOUSE_JDBC_URL, WAREHOUSE_USER and "
        + "WAREHOUSE_PASSWORD (or REDSHIFT_HOST, REDSHIFT_PORT, REDSHIFT_DB, REDSHIFT_USER, REDSHIFT_PASSWORD)");
  }

  /** A connection to the warehouse, session time zone UTC; a failure's message carries no secret. */
  public static Connection open(DatabaseCredentials credentials) throws SQLException {
    Properties properties = new Properties();
    properties.setProperty("user", credentials.user());
    properties.setProperty("password", credentials.password());
    properties.setProperty("ApplicationName", "tributary warehouse-load");
    properties.setProperty("options", "-c TimeZone=UTC");
    try {
      return DriverManager.getConnection(credentials.jdbcUrl(), properties);
    } catch (SQLException e) {
      String message = e.getMessage() == null ? "" : e.getMessage().replace(credentials.jdbcUrl(), "<url>");
      if (!credentials.password().isEmpty()) {
        message = message.replace(credentials.password(), "<redacted>");
      }
      throw new SQLException("cannot connect to the warehouse " + credentials.redactedUrl() + " as "
          + credentials.user() + ": " + message, e.getSQLState());
    }
  }

  private static boolean present(Map<String, String> env, String name) {
    return env.get(name) != null && !env.get(name).isBlank();
  }

  private static String require(Map<String, String> env, String name) {
    if (!present(env, name)) {
      throw new SecretUnavailableException("environment variable " + name + " is not set");
    }
    return env.get(name);
  }
}
