package io.tributary.core.history;

/** The state of one run of one job window. */
public enum RunStatus {
  RUNNING,
  SUCCEEDED,
  FAILED,
  /**
   * The source could still add rows to the window (a transaction begun before its stop was still open when the
   * run's wait ran out): nothing was written and the job stays on the window for its next run.
   */
  WAITING,
  /** Its lease expired while it was RUNNING and another run took the window over; it will never end otherwise. */
  ABANDONED;

  /** True once the run has ended, one way or another. */
  public boolean ended() {
    return this != RUNNING;
  }
}
