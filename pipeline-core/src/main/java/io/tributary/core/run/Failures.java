package io.tributary.core.run;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Turns an exception chain into the one-line error kept in the run history, and tells a bug from a failure of
 * the input or of a service: the one rule every site that records a failure as a data status (an errored load,
 * a failed table or partition) applies first.
 */
public final class Failures {
  private static final int MAX_LENGTH = 2000;
  /** Programming errors (and the JVM's): one of these anywhere in a chain is never a property of the data. */
  private static final List<Class<? extends Throwable>> BUGS = List.of(NullPointerException.class,
      ClassCastException.class, IndexOutOfBoundsException.class, ArrayStoreException.class,
      NegativeArraySizeException.class, IllegalMonitorStateException.class, VirtualMachineError.class,
      LinkageError.class);

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

  /** True when {@code failure} or one of its causes is a programming error rather than bad input. */
  public static boolean isBug(Throwable failure) {
    Set<Throwable> seen = new LinkedHashSet<>();
    for (Throwable t = failure; t != null && seen.add(t); t = t.getCause()) {
      Throwable current = t;
      if (BUGS.stream().anyMatch(type -> type.isInstance(current))) {
        return true;
      }
    }
    return false;
  }

  /**
   * Returns {@code failure} when it is not a bug; throws it (a checked one wrapped in an IllegalStateException)
   * when it is, so that the step fails with its trace instead of a bug becoming a status a user tries to fix in
   * their data.
   */
  public static <T extends Throwable> T unlessBug(T failure) {
    if (!isBug(failure)) {
      return failure;
    }
    if (failure instanceof RuntimeException unchecked) {
      throw unchecked;
    }
    if (failure instanceof Error error) {
      throw error;
    }
    throw new IllegalStateException("a bug, not bad input: " + describe(failure), failure);
  }
}
