package io.tributary.core.history;

/** The state of one run of one job window. */
public enum RunStatus {
  RUNNING,
  SUCCEEDED,
  FAILED
}
