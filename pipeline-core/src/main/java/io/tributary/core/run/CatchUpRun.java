package io.tributary.core.run;

import io.tributary.core.config.JobConfig;
import io.tributary.core.config.JobStatus;
import io.tributary.core.history.ConfigStore;
import io.tributary.core.history.HistoryStore;
import io.tributary.core.history.JobRun;
import io.tributary.core.history.LoadedWindow;
import io.tributary.core.history.RunRecord;
import io.tributary.core.history.WindowAlreadyRunningException;
import io.tributary.core.window.LoadWindow;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs job windows without an orchestrator: every enabled job's due windows in order (for each window,
 * record RUNNING, ingest, record the outcome, and on success rotate the job to its next window; a failed
 * window stops that job, keeping its window, but not the other jobs; so does a window whose source has not settled,
 * recorded WAITING), and back-fills.
 */
public final class CatchUpRun {
  private static final Logger LOG = LoggerFactory.getLogger(CatchUpRun.class);

  /** How many windows one run may catch up per job, and how long a run holds a window. */
  public record Settings(int maxWindowsPerRun, Duration lease) {
    public Settings {
      if (maxWindowsPerRun < 1) {
        throw new IllegalArgumentException("maxWindowsPerRun must be >= 1, was " + maxWindowsPerRun);
      }
    }
  }

  private final ConfigStore configs;
  private final HistoryStore history;
  private final WindowBookkeeping bookkeeping;
  private final WindowIngestion ingestion;
  private final Clock clock;
  private final Settings settings;

  public CatchUpRun(
      ConfigStore configs, HistoryStore history, WindowIngestion ingestion, Clock clock, Settings settings) {
    this.configs = configs;
    this.history = history;
    this.bookkeeping = new WindowBookkeeping(history, clock, settings.lease());
    this.ingestion = ingestion;
    this.clock = clock;
    this.settings = settings;
  }

  /** Runs the due windows of every enabled job, of every kind, in job-name order. */
  public List<WindowOutcome> runAll() {
    List<WindowOutcome> outcomes = new ArrayList<>();
    for (JobConfig job : configs.all()) {
      if (job.state().status() != JobStatus.DISABLED) {
        outcomes.addAll(runJob(job));
      }
    }
    return outcomes;
  }

  /** Runs the due windows of one job, oldest first, stopping at the first that does not succeed. */
  public List<WindowOutcome> runJob(JobConfig job) {
    List<WindowOutcome> outcomes = new ArrayList<>();
    for (LoadWindow window : JobDueWindows.of(job, configs.all(), clock.instant(), settings.maxWindowsPerRun())) {
      WindowOutcome outcome = runWindow(job, window, WindowBookkeeping.Mode.LIVE);
      outcomes.add(outcome);
      if (outcome.result() != WindowOutcome.Result.SUCCEEDED) {
        break;
      }
    }
    return outcomes;
  }

  /**
   * Back-fills {@code windows} of {@code job}: each is loaded again (replacing its output) and recorded
   * in history, but the job's live window and state do not move. A failed window does not stop the rest.
   */
  public List<WindowOutcome> backfill(JobConfig job, List<LoadWindow> windows) {
    return backfill(job, windows, outcome -> { });
  }

  /** As {@link #backfill(JobConfig, List)}, telling {@code each} every window's outcome as it ends. */
  public List<WindowOutcome> backfill(JobConfig job, List<LoadWindow> windows,
      Consumer<WindowOutcome> each) {
    List<WindowOutcome> outcomes = new ArrayList<>();
    for (LoadWindow window : windows) {
      WindowOutcome outcome = runWindow(job, window, WindowBookkeeping.Mode.BACKFILL);
      each.accept(outcome);
      outcomes.add(outcome);
    }
    return outcomes;
  }

  private WindowOutcome runWindow(JobConfig job, LoadWindow window, WindowBookkeeping.Mode mode) {
    String runId = (mode == WindowBookkeeping.Mode.LIVE ? "" : "backfill-") + UUID.randomUUID();
    JobRun run;
    try {
      run = bookkeeping.start(job, window, runId, job.state().jobFlowId(), mode);
    } catch (WindowAlreadyRunningException e) {
      LOG.warn("{}", e.getMessage());
      return new WindowOutcome(job.name(), window, WindowOutcome.Result.SKIPPED_BUSY,
          Optional.empty(), Optional.of(e.getMessage()));
    }
    LOG.info("job {} window {} started as run {}", job.name(), window, runId);
    RunRecord record;
    try {
      int earlier = job.kind().definition().earlierWindowsForStep(job);
      record = ingestion.ingest(job, window, runId,
          earlier == 0 ? List.of() : LoadedWindow.latest(history.runs(job.name()), window, earlier));
    } catch (WindowNotSettledException e) {
      LOG.warn("job {} window {} waits: {}", job.name(), window, e.getMessage());
      bookkeeping.waiting(run, e.getMessage(), mode);
      return new WindowOutcome(job.name(), window, WindowOutcome.Result.WAITING,
          Optional.empty(), Optional.of(e.getMessage()));
    } catch (Exception e) {
      // Wide as the state machine's States.ALL: any failed step is recorded FAILED and the job stays on its
      // window; the trace goes to the log, as a failed EMR step's does.
      String error = Failures.describe(e);
      LOG.error("job {} window {} failed: {}", job.name(), window, error, e);
      bookkeeping.fail(run, error, mode);
      return new WindowOutcome(job.name(), window, WindowOutcome.Result.FAILED,
          Optional.empty(), Optional.of(error));
    }
    bookkeeping.succeed(run, record, mode);
    LOG.info("job {} window {} succeeded: {} rows", job.name(), window, record.rowsWritten());
    return new WindowOutcome(job.name(), window, WindowOutcome.Result.SUCCEEDED,
        Optional.of(record), Optional.empty());
  }
}
