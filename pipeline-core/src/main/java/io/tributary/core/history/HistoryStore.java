package io.tributary.core.history;

import io.tributary.core.window.LoadWindow;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The run history: one item per run of a job window. Starting a window is exclusive: while one run
 * holds it (until it ends or its lease expires) no other run can start the same job window, and once a
 * run of it has succeeded only a deliberate re-run (a back-fill) can start it again. A run whose expired
 * lease is taken over is marked ABANDONED, naming the run that took over.
 *
 * <p>Each method is one atomic store operation, covering the run's item, the window's lease and (given a
 * {@link JobUpdate}) the job's row, and each is idempotent per run id: repeated after a lost response it
 * returns the stored outcome without writing again.
 */
public interface HistoryStore {

  /**
   * Records {@code runId} as RUNNING for the window, holding it for at most {@code lease}; {@code rerun}
   * allows a window a run has already loaded. Started again with the same run id while it holds the
   * window, returns the stored run.
   *
   * @throws WindowAlreadyRunningException when another unexpired run holds the window, or a run of it
   *     has already succeeded (and this is no rerun)
   */
  JobRun start(String jobName, LoadWindow window, String runId, Instant now, Duration lease, boolean rerun,
      Optional<JobUpdate> job);

  /** As above, with no change to the job's row. */
  default JobRun start(String jobName, LoadWindow window, String runId, Instant now, Duration lease, boolean rerun) {
    return start(jobName, window, runId, now, lease, rerun, Optional.empty());
  }

  /** A first run of the window, with no change to the job's row. */
  default JobRun start(String jobName, LoadWindow window, String runId, Instant now, Duration lease) {
    return start(jobName, window, runId, now, lease, false, Optional.empty());
  }

  /**
   * Records the run as SUCCEEDED with its figures, releases the window and applies {@code job}; a run
   * already SUCCEEDED is returned as stored.
   *
   * @throws RunTakenOverException when the run was abandoned or has failed
   * @throws ConcurrentWindowChangeException when the job is no longer at the window {@code job} moves it from
   */
  JobRun succeed(JobRun run, RunRecord record, Instant now, Optional<JobUpdate> job);

  /** As above, with no change to the job's row. */
  default JobRun succeed(JobRun run, RunRecord record, Instant now) {
    return succeed(run, record, now, Optional.empty());
  }

  /**
   * Records the run as FAILED with its error, releases the window and applies {@code job}; a run that has
   * already ended is returned as stored.
   */
  JobRun fail(JobRun run, String error, Instant now, Optional<JobUpdate> job);

  /** As above, with no change to the job's row. */
  default JobRun fail(JobRun run, String error, Instant now) {
    return fail(run, error, now, Optional.empty());
  }

  /**
   * Records the run as WAITING with {@code reason} (nothing was loaded; the source could still add to the
   * window), releases the window and applies {@code job}; a run already WAITING is returned as stored.
   */
  JobRun waited(JobRun run, String reason, Instant now, Optional<JobUpdate> job);

  /** Every run of the job, newest first. */
  List<JobRun> runs(String jobName);
}
