package io.tributary.core.run;

import java.util.LinkedHashSet;
import java.util.Set;

/** Turns an exception chain into the one-line error kept in the run history. */
public final class Failures {
  private static final int MAX_LENGTH = 2000;

  private Failures() {}

  /** {@code Type: message; caused by Type: message ...}, at most 2000 characters. */
  public static String describe(Throwable failure) {
    StringBuilder out = new StringBuilder();
    Set<Throwable> seen = new LinkedHashSet<>();
    for (Throwable t = failure; t != null && seen.add(t); t = t.getCause()) {
      if (!out.isEmpty()) {
        out.append("; caused by ");
      }
      out.append(t.getClass().getSimpleName());
      if (t.getMessage() != null) {
        out.append(": ").append(t.getMessage().strip());
      }
    }
    return out.length() <= MAX_LENGTH ? out.toString() : out.substring(0, MAX_LENGTH - 3) + "...";
  }
}
