package io.tributary.core.secret;

import java.io.Serializable;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * A secret source named in a string, so that a Spark task can build its own source instead of being
 * handed the secret: {@code env}, {@code file:/path/to/db.properties}, {@code ssm} (the seed's parameter
 * names) or {@code ssm:<url-param>,<user-param>,<password-param>}.
 */
public record SecretSourceSpec(Kind kind, List<String> arguments) implements Serializable {
  /** The kinds of secret source. */
  public enum Kind {
    ENV,
    FILE,
    SSM
  }

  /** The seed's parameter names: JDBC URL, user, password. */
  public static final List<String> SEED_SSM_PARAMETERS =
      List.of("postgre-jdbcurl", "postgre-user", "postgre-psswd");

  public SecretSourceSpec {
    Objects.requireNonNull(kind, "kind");
    arguments = List.copyOf(arguments);
  }

  /** Parses a spec; throws IllegalArgumentException saying what forms are accepted. */
  public static SecretSourceSpec parse(String text) {
    if (text.equals("env")) {
      return new SecretSourceSpec(Kind.ENV, List.of());
    }
    if (text.startsWith("file:") && text.length() > "file:".length()) {
      return new SecretSourceSpec(Kind.FILE, List.of(text.substring("file:".length())));
    }
    if (text.equals("ssm")) {
      return new SecretSourceSpec(Kind.SSM, SEED_SSM_PARAMETERS);
    }
    if (text.startsWith("ssm:")) {
      List<String> names = List.of(text.substring("ssm:".length()).split(",", -1));
      if (names.size() == 3 && names.stream().noneMatch(String::isBlank)) {
        return new SecretSourceSpec(Kind.SSM, names);
      }
    }
    throw new IllegalArgumentException("secret source '" + text
        + "' is not one of: env, file:<path>, ssm, ssm:<url-param>,<user-param>,<password-param>");
  }

  /** Builds the non-AWS sources; SSM needs the AWS adapters. */
  public SecretSource localSource() {
    return switch (kind) {
      case ENV -> new EnvironmentSecretSource();
      case FILE -> new PropertiesFileSecretSource(Path.of(arguments.get(0)));
      case SSM -> throw new IllegalStateException("an ssm secret source needs the AWS adapters");
    };
  }

  @Override
  public String toString() {
    return switch (kind) {
      case ENV -> "env";
      case FILE -> "file:" + arguments.get(0);
      case SSM -> arguments.equals(SEED_SSM_PARAMETERS) ? "ssm" : "ssm:" + String.join(",", arguments);
    };
  }
}
