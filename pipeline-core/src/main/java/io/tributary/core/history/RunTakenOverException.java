package io.tributary.core.history;

/**
 * An attempt to end a run that no longer holds its window: its lease expired and another run took the
 * window over (the run is ABANDONED), so its outcome is not recorded and the job does not move.
 */
public final class RunTakenOverException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public RunTakenOverException(JobRun run, String detail) {
    super("run " + run.runId() + " of job '" + run.jobName() + "' window " + run.window()
        + " no longer holds its window: " + detail);
  }
}
