package io.tributary.core.secret;

import java.util.Map;

/** Credentials from {@code TRIBUTARY_DB_URL}, {@code TRIBUTARY_DB_USER}, {@code TRIBUTARY_DB_PASSWORD}. */
public final class EnvironmentSecretSource implements SecretSource {
  public static final String URL = "TRIBUTARY_DB_URL";
  public static final String USER = "TRIBUTARY_DB_USER";
  public static final String PASSWORD = "TRIBUTARY_DB_PASSWORD";

  private final Map<String, String> environment;

  /** Reads the process environment. */
  public EnvironmentSecretSource() {
    this(System.getenv());
  }

  /** Reads {@code environment} (for tests). */
  public EnvironmentSecretSource(Map<String, String> environment) {
    this.environment = Map.copyOf(environment);
  }

  @Override
  public DatabaseCredentials databaseCredentials() {
    return new DatabaseCredentials(require(URL), require(USER), require(PASSWORD));
  }

  private String require(String name) {
    String value = environment.get(name);
    if (value == null || value.isEmpty()) {
      throw new SecretUnavailableException("environment variable " + name + " is not set");
    }
    return value;
  }
}
