package io.tributary.core.history;

import io.tributary.core.window.LoadWindow;
import java.time.Instant;
import java.util.Optional;

/** Refusal to start a job window that another run holds, or that a run has already loaded. */
public final class WindowAlreadyRunningException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final String holderRunId;
  private final RunStatus holderStatus;
  private final Optional<Instant> heldUntil;

  public WindowAlreadyRunningException(String jobName, LoadWindow window, String holderRunId, RunStatus holderStatus) {
    this(jobName, window, holderRunId, holderStatus, Optional.empty());
  }

  /** As above; {@code heldUntil} is when a RUNNING holder's lease expires. */
  public WindowAlreadyRunningException(String jobName, LoadWindow window, String holderRunId, RunStatus holderStatus,
      Optional<Instant> heldUntil) {
    super("job '" + jobName + "' window " + window
        + (holderStatus == RunStatus.SUCCEEDED ? " was already loaded by run " : " is already RUNNING in run ")
        + holderRunId + heldUntil.map(t -> " (its lease runs until " + t + ")").orElse(""));
    this.holderRunId = holderRunId;
    this.holderStatus = holderStatus;
    this.heldUntil = heldUntil;
  }

  /** The run that holds or loaded the window. */
  public String holderRunId() {
    return holderRunId;
  }

  public RunStatus holderStatus() {
    return holderStatus;
  }

  /** When the holder's lease expires, for a RUNNING holder. */
  public Optional<Instant> heldUntil() {
    return heldUntil;
  }
}
