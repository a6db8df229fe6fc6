package io.tributary.spark.pg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tributary.core.config.SqlIdentifier;
import io.tributary.core.secret.DatabaseCredentials;
import io.tributary.spark.testing.TestPostgres;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;

class PgConnectionsTest {
  @Test
  void jobDatabaseReplacesTheUrlsDatabaseAndKeepsItsParameters() {
    DatabaseCredentials credentials =
        new DatabaseCredentials("jdbc:postgresql://db.example:6432/other?sslmode=require", "u", "p");

    assertEquals("jdbc:postgresql://db.example:6432/sales?sslmode=require",
        PgConnections.urlFor(credentials, new SqlIdentifier("sales")));
    assertEquals("jdbc:postgresql://h/sales",
        PgConnections.urlFor(new DatabaseCredentials("jdbc:postgresql://h", "u", "p"), new SqlIdentifier("sales")));
  }

  @Test
  void connectionFailureNamesServerAndUserButNeverThePassword() {
    String password = "hunter2-Sekret";
    DatabaseCredentials credentials = new DatabaseCredentials(
        "jdbc:postgresql://localhost:" + TestPostgres.get().port() + "/postgres?password=" + password, "postgres", password);

    SQLException e = assertThrows(SQLException.class,
        () -> PgConnections.open(credentials, new SqlIdentifier("no_such_database")));

    assertTrue(e.getMessage().contains("no_such_database"), e.getMessage());
    assertTrue(e.getMessage().contains("as postgres"), e.getMessage());
    assertFalse(e.getMessage().contains(password), e.getMessage());
    assertFalse(credentials.toString().contains(password));
  }
}
