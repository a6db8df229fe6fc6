package io.tributary.local;

import io.tributary.core.secret.SecretSourceSpec;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

/**
 * An embedded PostgreSQL standing in for Aurora: starts in a few seconds, holds the demo database, and
 * hands the job its credentials through a secret file readable only by this user.
 */
public final class LocalPostgres implements AutoCloseable {
  private final EmbeddedPostgres postgres;
  private final String database;
  private final Path secretFile;

  private LocalPostgres(EmbeddedPostgres postgres, String database, Path secretFile) {
    this.postgres = postgres;
    this.database = database;
    this.secretFile = secretFile;
  }

  /** Starts a server with an empty database named {@code database}. */
  public static LocalPostgres start(String database, Path workDir) throws IOException, SQLException {
    EmbeddedPostgres postgres = EmbeddedPostgres.builder()
        .setOutputRedirector(ProcessBuilder.Redirect.DISCARD)
        .setErrorRedirector(ProcessBuilder.Redirect.DISCARD)
        .setServerConfig("max_connections", "100")
        .start();
    try (Connection c = postgres.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
      s.execute("CREATE DATABASE " + database);
    }
    Files.createDirectories(workDir);
    Path secretFile = workDir.resolve("db.properties");
    Files.deleteIfExists(secretFile);
    Files.createFile(secretFile, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    Files.writeString(secretFile, "url=jdbc:postgresql://localhost:" + postgres.getPort() + "/" + database
        + "\nuser=postgres\npassword=" + UUID.randomUUID() + "\n");
    return new LocalPostgres(postgres, database, secretFile);
  }

  /** A connection to the demo database. */
  public Connection connect() throws SQLException {
    return postgres.getDatabase("postgres", database).getConnection();
  }

  /** The secret source the jobs use to reach this server. */
  public SecretSourceSpec secrets() {
    return SecretSourceSpec.parse("file:" + secretFile);
  }

  public int port() {
    return postgres.getPort();
  }

  @Override
  public void close() throws IOException {
    postgres.close();
    Files.deleteIfExists(secretFile);
  }
}
