package io.tributary.spark.testing;

import io.tributary.core.secret.SecretSourceSpec;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * One embedded PostgreSQL for the test JVM, logging every statement to a file so that tests can check
 * what the server actually ran. Credentials reach the job through a secret file, as they would locally.
 */
public final class TestPostgres {
  public static final String PASSWORD = "s3cr3t-Pa55word";
  private static TestPostgres instance;

  private final EmbeddedPostgres postgres;
  private final Path log;
  private final Path secretFile;

  private TestPostgres() throws IOException {
    log = Files.createTempFile("tributary-pg", ".log");
    postgres = EmbeddedPostgres.builder()
        .setServerConfig("log_statement", "all")
        .setServerConfig("max_connections", "100")
        .setErrorRedirector(ProcessBuilder.Redirect.appendTo(log.toFile()))
        .setOutputRedirector(ProcessBuilder.Redirect.appendTo(log.toFile()))
        .start();
    secretFile = Files.createTempFile("tributary-db", ".properties");
    Files.writeString(secretFile, "url=" + postgres.getJdbcUrl("postgres", "postgres").replace("\\", "")
        + "\nuser=postgres\npassword=" + PASSWORD + "\n");
  }

  /** The shared server, started on first use. */
  public static synchronized TestPostgres get() {
    if (instance == null) {
      try {
        instance = new TestPostgres();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return instance;
  }

  /** A connection to the {@code postgres} database. */
  public Connection connect() throws SQLException {
    return postgres.getPostgresDatabase().getConnection();
  }

  /** Runs statements, separated by semicolons at line ends. */
  public void execute(String sql) {
    try (Connection connection = connect(); Statement statement = connection.createStatement()) {
      statement.execute(sql);
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The spec naming the secret file with this server's credentials. */
  public SecretSourceSpec secrets() {
    return SecretSourceSpec.parse("file:" + secretFile);
  }

  /** Everything the server has logged so far. */
  public String serverLog() throws IOException {
    return Files.readString(log);
  }

  public int port() {
    return postgres.getPort();
  }
}
