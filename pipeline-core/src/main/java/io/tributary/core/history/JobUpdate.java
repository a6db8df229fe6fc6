package io.tributary.core.history;

import io.tributary.core.config.JobStatus;
import io.tributary.core.window.LoadWindow;
import java.time.LocalDate;
import java.util.Objects;
import java.util.Optional;

/**
 * A change to a job's row that a history write commits in the same store operation: the job's new status,
 * optionally its load date and cluster, and on rotation its window moved from {@code move.from} to
 * {@code move.to} (only if the job is still at {@code from}). The job must still be in the table.
 */
public record JobUpdate(JobStatus status, Optional<LocalDate> loadDate, Optional<String> jobFlowId,
    Optional<WindowMove> move) {

  /** The window a rotation moves the job from, and to. */
  public record WindowMove(LoadWindow from, LoadWindow to) {
    public WindowMove {
      Objects.requireNonNull(from, "from");
      Objects.requireNonNull(to, "to");
    }
  }

  public JobUpdate {
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(loadDate, "loadDate");
    Objects.requireNonNull(jobFlowId, "jobFlowId");
    Objects.requireNonNull(move, "move");
  }

  /** A live run started on cluster {@code jobFlowId}. */
  public static JobUpdate running(String jobFlowId) {
    return new JobUpdate(JobStatus.RUNNING, Optional.empty(), Optional.of(jobFlowId), Optional.empty());
  }

  /** A live run succeeded on {@code loadDate}: the job moves from {@code window} to the next. */
  public static JobUpdate rotated(LoadWindow window, LocalDate loadDate) {
    return new JobUpdate(JobStatus.SUCCEEDED, Optional.of(loadDate), Optional.empty(),
        Optional.of(new WindowMove(window, window.next())));
  }

  /** A live run waited for its source to settle: the job keeps its window for the next run. */
  public static JobUpdate waiting() {
    return new JobUpdate(JobStatus.WAITING, Optional.empty(), Optional.empty(), Optional.empty());
  }

  /** A live run failed: the job keeps its window. */
  public static JobUpdate failed() {
    return new JobUpdate(JobStatus.FAILED, Optional.empty(), Optional.empty(), Optional.empty());
  }
}
