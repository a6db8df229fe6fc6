package io.tributary.core.run;

import io.tributary.core.config.JobConfig;
import io.tributary.core.config.JobState;
import io.tributary.core.config.JobStatus;
import io.tributary.core.history.ConfigStore;
import io.tributary.core.history.HistoryStore;
import io.tributary.core.history.JobRun;
import io.tributary.core.history.RunRecord;
import io.tributary.core.history.WindowAlreadyRunningException;
import io.tributary.core.window.LoadWindow;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Optional;

/**
 * The records kept around one run of one job window, whoever drives it (the state machine's tasks or a
 * local loop): take the window's lease and mark it RUNNING, then record SUCCEEDED and rotate the job to its
 * next window, or record FAILED and keep it. A back-fill may re-run a loaded window and never touches the
 * job's live window or state.
 */
public final class WindowBookkeeping {
  /** A live run moves the job; a back-fill re-runs past windows and leaves the job as it is. */
  public enum Mode {
    LIVE,
    BACKFILL
  }

  private final ConfigStore configs;
  private final HistoryStore history;
  private final Clock clock;
  private final Duration lease;

  public WindowBookkeeping(ConfigStore configs, HistoryStore history, Clock clock, Duration lease) {
    this.configs = configs;
    this.history = history;
    this.clock = clock;
    this.lease = lease;
  }

  /**
   * Takes the window's lease and records the run as RUNNING; a live run also marks the job RUNNING on
   * {@code jobFlowId}.
   *
   * @throws WindowAlreadyRunningException when another run holds the window or (live) has loaded it
   */
  public JobRun start(JobConfig job, LoadWindow window, String runId, String jobFlowId, Mode mode) {
    JobRun run = history.start(job.name(), window, runId, clock.instant(), lease, mode == Mode.BACKFILL);
    if (mode == Mode.LIVE) {
      configs.setState(job.name(), new JobState(job.state().loadDate(), jobFlowId, JobStatus.RUNNING));
    }
    return run;
  }

  /** Records the run as SUCCEEDED; a live run also rotates the job to the next window. */
  public void succeed(JobRun run, RunRecord record, Mode mode) {
    history.succeed(run, record, clock.instant());
    if (mode == Mode.LIVE) {
      JobState current = currentState(run.jobName());
      configs.advance(run.jobName(), run.window(), run.window().next(), new JobState(
          Optional.of(LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC)), current.jobFlowId(), JobStatus.SUCCEEDED));
    }
  }

  /** Records the run as FAILED; a live run also marks the job FAILED, keeping its window. */
  public void fail(JobRun run, String error, Mode mode) {
    history.fail(run, error, clock.instant());
    if (mode == Mode.LIVE) {
      JobState current = currentState(run.jobName());
      configs.setState(run.jobName(), new JobState(current.loadDate(), current.jobFlowId(), JobStatus.FAILED));
    }
  }

  private JobState currentState(String jobName) {
    return configs.get(jobName).map(JobConfig::state)
        .orElseThrow(() -> new IllegalStateException("job '" + jobName + "' left the job table during its run"));
  }
}
