package io.tributary.core.config;

import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A plain, unquoted SQL identifier ({@code [A-Za-z_][A-Za-z0-9_]*}, at most 63 characters, PostgreSQL's
 * limit). Anything else is refused, so nothing read from the job table can change the shape of a query.
 */
public record SqlIdentifier(String name) {
  private static final Pattern PLAIN = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,62}");

  public SqlIdentifier {
    Objects.requireNonNull(name, "name");
    if (!isPlain(name)) {
      throw new IllegalArgumentException("not a plain SQL identifier: '" + name + "'");
    }
  }

  /** True when {@code text} is a plain identifier. */
  public static boolean isPlain(String text) {
    return text != null && PLAIN.matcher(text).matches();
  }

  /**
   * The identifier as PostgreSQL resolves it unquoted (folded to lower case), double-quoted so that
   * reserved words such as {@code order} still work.
   */
  public String quoted() {
    return '"' + name.toLowerCase(Locale.ROOT) + '"';
  }

  @Override
  public String toString() {
    return name;
  }
}
