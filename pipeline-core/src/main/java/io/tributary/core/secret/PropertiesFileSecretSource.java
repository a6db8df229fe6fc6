package io.tributary.core.secret;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

/** Credentials from a properties file with the keys {@code url}, {@code user} and {@code password}. */
public final class PropertiesFileSecretSource implements SecretSource {
  private final Path file;

  public PropertiesFileSecretSource(Path file) {
    this.file = file;
  }

  @Override
  public DatabaseCredentials databaseCredentials() {
    Properties properties = new Properties();
    try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      properties.load(reader);
    } catch (IOException e) {
      // The exception's own message could quote file content; name only the file and the error type.
      throw new SecretUnavailableException(
          "cannot read secret file " + file + " (" + e.getClass().getSimpleName() + ")");
    }
    return new DatabaseCredentials(
        require(properties, "url"), require(properties, "user"), require(properties, "password"));
  }

  private String require(Properties properties, String key) {
    String value = properties.getProperty(key);
    if (value == null || value.isEmpty()) {
      throw new SecretUnavailableException("secret file " + file + " has no key '" + key + "'");
    }
    return value;
  }
}
