package io.tributary.core.history;

import io.tributary.core.window.LoadWindow;

/** Refusal to start a job window that another run holds, or that a run has already loaded. */
public final class WindowAlreadyRunningException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public WindowAlreadyRunningException(String jobName, LoadWindow window, String holderRunId, RunStatus holderStatus) {
    super("job '" + jobName + "' window " + window
        + (holderStatus == RunStatus.SUCCEEDED ? " was already loaded by run " : " is already RUNNING in run ")
        + holderRunId);
  }
}
