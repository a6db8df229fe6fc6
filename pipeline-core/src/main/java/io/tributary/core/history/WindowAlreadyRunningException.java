package io.tributary.core.history;

import io.tributary.core.window.LoadWindow;

/** Refusal to start a job window that another run holds. */
public final class WindowAlreadyRunningException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public WindowAlreadyRunningException(String jobName, LoadWindow window, String holderRunId) {
    super("job '" + jobName + "' window " + window + " is already RUNNING in run " + holderRunId);
  }
}
