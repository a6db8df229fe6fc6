package io.tributary.core.history;

import io.tributary.core.window.LoadWindow;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/** One history item: one run of one job window, with its outcome once it has ended. */
public record JobRun(
    String jobName,
    LoadWindow window,
    String runId,
    RunStatus status,
    Instant startedAt,
    Optional<Instant> endedAt,
    Optional<RunRecord> result,
    Optional<String> error) {

  public JobRun {
    Objects.requireNonNull(jobName, "jobName");
    Objects.requireNonNull(window, "window");
    Objects.requireNonNull(runId, "runId");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(startedAt, "startedAt");
    Objects.requireNonNull(endedAt, "endedAt");
    Objects.requireNonNull(result, "result");
    Objects.requireNonNull(error, "error");
  }

  /** A run that has just started. */
  public static JobRun started(String jobName, LoadWindow window, String runId, Instant startedAt) {
    return new JobRun(jobName, window, runId, RunStatus.RUNNING, startedAt,
        Optional.empty(), Optional.empty(), Optional.empty());
  }

  /** This run, ended successfully. */
  public JobRun succeeded(RunRecord record, Instant endedAt) {
    return new JobRun(jobName, window, runId, RunStatus.SUCCEEDED, startedAt,
        Optional.of(endedAt), Optional.of(record), Optional.empty());
  }

  /** This run, abandoned at {@code at}: its lease expired and run {@code takenOverBy} took the window. */
  public JobRun abandoned(String takenOverBy, Instant at) {
    return new JobRun(jobName, window, runId, RunStatus.ABANDONED, startedAt,
        Optional.of(at), Optional.empty(), Optional.of("lease expired; window taken over by run " + takenOverBy));
  }

  /** This run, ended without loading: the source could still add rows to its window, as {@code reason} says. */
  public JobRun waiting(String reason, Instant endedAt) {
    return new JobRun(jobName, window, runId, RunStatus.WAITING, startedAt,
        Optional.of(endedAt), Optional.empty(), Optional.of(reason));
  }

  /** This run, ended in failure. */
  public JobRun failed(String message, Instant endedAt) {
    return new JobRun(jobName, window, runId, RunStatus.FAILED, startedAt,
        Optional.of(endedAt), Optional.empty(), Optional.of(message));
  }
}
