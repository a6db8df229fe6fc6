package io.tributary.core.run;

import io.tributary.core.config.JobConfig;
import io.tributary.core.history.HistoryStore;
import io.tributary.core.history.JobRun;
import io.tributary.core.history.JobUpdate;
import io.tributary.core.history.RunRecord;
import io.tributary.core.history.WindowAlreadyRunningException;
import io.tributary.core.history.WindowRepair;
import io.tributary.core.window.LoadWindow;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The records kept around one run of one job window, whoever drives it (the state machine's tasks or a
 * local loop): take the window's lease and mark it RUNNING, then record SUCCEEDED and rotate the job to its
 * next window, or record FAILED and keep it. Each of the three is one store operation covering the run, the
 * window's lease and the job's row, idempotent per run id, so a step retried after a lost response does it
 * once. A back-fill may re-run a loaded window and never touches the job's live window or state.
 */
public final class WindowBookkeeping {
  /** A live run moves the job; a back-fill re-runs past windows and leaves the job as it is. */
  public enum Mode {
    LIVE,
    BACKFILL
  }

  private static final Logger LOG = LoggerFactory.getLogger(WindowBookkeeping.class);

  private final HistoryStore history;
  private final Clock clock;
  private final Duration lease;

  public WindowBookkeeping(HistoryStore history, Clock clock, Duration lease) {
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
    return history.start(job.name(), window, runId, clock.instant(), lease, mode == Mode.BACKFILL,
        live(mode, JobUpdate.running(jobFlowId)));
  }

  /**
   * Records the run as SUCCEEDED; a live run also rotates the job to the next window, in the same operation. Each
   * earlier window the run repaired is then recorded as a run of its own ({@link WindowRepair}); one that another run
   * holds now is left to it (its next check finds the difference again if it remains).
   */
  public JobRun succeed(JobRun run, RunRecord record, Mode mode) {
    LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
    JobRun ended = history.succeed(run, record, clock.instant(), live(mode, JobUpdate.rotated(run.window(), today)));
    for (WindowRepair repair : record.repairs()) {
      try {
        JobRun repairRun = history.start(run.jobName(), repair.window(), repair.runId(), clock.instant(), lease, true);
        history.succeed(repairRun, repair.after(), clock.instant());
      } catch (WindowAlreadyRunningException e) {
        LOG.warn("repair of job {} window {} not recorded: {}", run.jobName(), repair.window(), e.getMessage());
      }
    }
    return ended;
  }

  /** Records the run as WAITING for its source; a live run also marks the job WAITING, keeping its window. */
  public JobRun waiting(JobRun run, String reason, Mode mode) {
    return history.waited(run, reason, clock.instant(), live(mode, JobUpdate.waiting()));
  }

  /** Records the run as FAILED; a live run also marks the job FAILED, keeping its window. */
  public JobRun fail(JobRun run, String error, Mode mode) {
    return history.fail(run, error, clock.instant(), live(mode, JobUpdate.failed()));
  }

  private static Optional<JobUpdate> live(Mode mode, JobUpdate update) {
    return mode == Mode.LIVE ? Optional.of(update) : Optional.empty();
  }
}
