package io.tributary.core.history;

import io.tributary.core.window.LoadWindow;

/** A window rotation refused because another run moved the job's window first. */
public final class ConcurrentWindowChangeException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public ConcurrentWindowChangeException(String jobName, LoadWindow expected) {
    super("job '" + jobName + "' no longer has window " + expected + "; another run moved it");
  }
}
