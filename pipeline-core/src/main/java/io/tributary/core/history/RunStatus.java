package io.tributary.core.history;

/** The state of one run of one job window. */
public enum RunStatus {
  RUNNING,
  SUCCEEDED,
  FAILED,
  /** Its lease expired while it was RUNNING and another run took the window over; it will never end otherwise. */
  ABANDONED;

  /** True once the run has ended, one way or another. */
  public boolean ended() {
    return this != RUNNING;
  }
}
