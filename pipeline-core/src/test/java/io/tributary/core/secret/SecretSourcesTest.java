package io.tributary.core.secret;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@Tag("fast")
class SecretSourcesTest {
  @TempDir Path dir;

  @Test
  void specsParseToTheirSources() {
    assertEquals(SecretSourceSpec.Kind.ENV, SecretSourceSpec.parse("env").kind());
    assertEquals(List.of("/etc/db.properties"), SecretSourceSpec.parse("file:/etc/db.properties").arguments());
    assertEquals(SecretSourceSpec.SEED_SSM_PARAMETERS, SecretSourceSpec.parse("ssm").arguments());
    assertEquals(List.of("u", "n", "p"), SecretSourceSpec.parse("ssm:u,n,p").arguments());
    assertThrows(IllegalArgumentException.class, () -> SecretSourceSpec.parse("ssm:u,n"));
    assertThrows(IllegalArgumentException.class, () -> SecretSourceSpec.parse("vault"));
  }

  @Test
  void fileSourceReadsItsThreeKeysAndNamesAMissingOneWithoutValues() throws Exception {
    Path file = Files.writeString(dir.resolve("db.properties"), "url=jdbc:postgresql://h/db\nuser=me\npassword=pw1\n");
    assertEquals(new DatabaseCredentials("jdbc:postgresql://h/db", "me", "pw1"),
        new PropertiesFileSecretSource(file).databaseCredentials());

    Path partial = Files.writeString(dir.resolve("partial.properties"), "url=jdbc:postgresql://h/db\nuser=me\n");
    SecretUnavailableException e = assertThrows(SecretUnavailableException.class,
        () -> new PropertiesFileSecretSource(partial).databaseCredentials());
    assertTrue(e.getMessage().endsWith("has no key 'password'"), e.getMessage());
    assertThrows(SecretUnavailableException.class,
        () -> new PropertiesFileSecretSource(dir.resolve("missing")).databaseCredentials());
  }

  @Test
  void environmentSourceNamesTheMissingVariable() {
    Map<String, String> env = Map.of(EnvironmentSecretSource.URL, "jdbc:postgresql://h/db",
        EnvironmentSecretSource.USER, "me");
    SecretUnavailableException e = assertThrows(SecretUnavailableException.class,
        () -> new EnvironmentSecretSource(env).databaseCredentials());
    assertEquals("environment variable TRIBUTARY_DB_PASSWORD is not set", e.getMessage());
  }

  @Test
  void credentialsNeverPrintThePasswordOrUrlQuery() {
    DatabaseCredentials credentials =
        new DatabaseCredentials("jdbc:postgresql://h/db?password=topsecret", "me", "topsecret");
    assertFalse(credentials.toString().contains("topsecret"), credentials.toString());
    assertEquals("jdbc:postgresql://h/db?<redacted>", credentials.redactedUrl());
  }
}
