package io.tributary.core.kind.cubic;

/**
 * A load's status change was refused: the lifecycle does not allow it, or the load was no longer in the
 * expected status (another run moved or took it first).
 */
public final class LoadTransitionRefusedException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public LoadTransitionRefusedException(String message) {
    super(message);
  }

  /** The lifecycle has no step from {@code from} to {@code to}. */
  public static LoadTransitionRefusedException illegal(String loadId, LoadStatus from, LoadStatus to) {
    return new LoadTransitionRefusedException("load " + loadId + ": " + from.label() + " -> " + to.label()
        + " is not a step of the lifecycle (from " + from.label() + " only to " + from.next().stream()
        .map(LoadStatus::label).toList() + ")");
  }

  /** The load was not in {@code expected} when it was to move to {@code to}. */
  public static LoadTransitionRefusedException notIn(String loadId, LoadStatus expected, LoadStatus to, String actual) {
    return new LoadTransitionRefusedException("load " + loadId + ": not moved to " + to.label() + ", expected it "
        + expected.label() + " but it is " + actual + " (another run moved it first)");
  }
}
