package io.tributary.core.history;

import io.tributary.core.window.LoadWindow;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * The lease of one job window as a store holds it: the run that took it last, how that run stands, when
 * its hold expires and when it started. The rule of who may take it is here, once, for every store.
 */
public record WindowLease(String runId, RunStatus status, Instant expiresAt, Instant startedAt) {
  public WindowLease {
    Objects.requireNonNull(runId, "runId");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(expiresAt, "expiresAt");
    Objects.requireNonNull(startedAt, "startedAt");
  }

  /** True when run {@code runId} holds the lease now (it started before; a retry must not start it again). */
  public boolean heldBy(String runId) {
    return status == RunStatus.RUNNING && this.runId.equals(runId);
  }

  /**
   * True when another run may take the window at {@code now}: its holder failed, waited or was abandoned, its RUNNING
   * holder's lease expired, or (only for a {@code rerun}) its holder succeeded.
   */
  public boolean free(Instant now, boolean rerun) {
    return switch (status) {
      case FAILED, WAITING, ABANDONED -> true;
      case SUCCEEDED -> rerun;
      case RUNNING -> expiresAt.isBefore(now);
    };
  }

  /** True when taking the window over abandons a run that never ended. */
  public boolean abandonsHolder() {
    return status == RunStatus.RUNNING;
  }

  /** The refusal to start {@code window} of {@code jobName} while this lease is not free. */
  public WindowAlreadyRunningException refusal(String jobName, LoadWindow window) {
    return new WindowAlreadyRunningException(jobName, window, runId, status,
        status == RunStatus.RUNNING ? Optional.of(expiresAt) : Optional.empty());
  }
}
