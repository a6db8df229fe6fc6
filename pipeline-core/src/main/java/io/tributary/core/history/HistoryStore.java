package io.tributary.core.history;

import io.tributary.core.window.LoadWindow;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The run history: one item per run of a job window. Starting a window is exclusive: while one run
 * holds it (until it ends or its lease expires) no other run can start the same job window, and once a
 * run of it has succeeded only a deliberate re-run (a back-fill) can start it again.
 */
public interface HistoryStore {

  /**
   * Records {@code runId} as RUNNING for the window, holding it for at most {@code lease}.
   *
   * @throws WindowAlreadyRunningException when another unexpired run holds the window, or a run of it
   *     has already succeeded
   */
  default JobRun start(String jobName, LoadWindow window, String runId, Instant now, Duration lease) {
    return start(jobName, window, runId, now, lease, false);
  }

  /** As {@link #start(String, LoadWindow, String, Instant, Duration)}; {@code rerun} allows a succeeded window. */
  JobRun start(String jobName, LoadWindow window, String runId, Instant now, Duration lease, boolean rerun);

  /** Records the run as SUCCEEDED with its figures and releases the window. */
  JobRun succeed(JobRun run, RunRecord record, Instant now);

  /** Records the run as FAILED with its error and releases the window. */
  JobRun fail(JobRun run, String error, Instant now);

  /** Every run of the job, newest first. */
  List<JobRun> runs(String jobName);
}
