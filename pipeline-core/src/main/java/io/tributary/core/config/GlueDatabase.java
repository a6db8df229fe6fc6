package io.tributary.core.config;

import java.util.List;
import java.util.Optional;

/** The {@code glue_database} option of a job: the Glue database its tables are registered in, none when absent. */
public final class GlueDatabase {
  /** The option's key. */
  public static final String KEY = "glue_database";

  private GlueDatabase() {}

  /** The database named by {@code value} (null: none); a name Athena cannot use goes to {@code problems}. */
  public static Optional<String> parse(String value, List<String> problems) {
    if (value == null) {
      return Optional.empty();
    }
    if (!value.matches("[a-z0-9_]{1,255}")) {
      problems.add(KEY + ": '" + value + "' is not a Glue database name, expected lower-case letters, digits and '_'");
    }
    return Optional.of(value);
  }
}
