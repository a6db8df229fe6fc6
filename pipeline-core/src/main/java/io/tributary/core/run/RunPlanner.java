package io.tributary.core.run;

import io.tributary.core.config.JobConfig;
import io.tributary.core.config.JobKind;
import io.tributary.core.config.JobStatus;
import io.tributary.core.history.ConfigStore;
import io.tributary.core.window.BackfillWindows;
import io.tributary.core.window.WindowTime;
import io.tributary.core.window.LoadWindow;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Plans an execution: every enabled job (or the named ones) with its due windows; jobs with none are left out. */
public final class RunPlanner {
  private final ConfigStore configs;
  private final Clock clock;
  private final int maxWindowsPerRun;

  public RunPlanner(ConfigStore configs, Clock clock, int maxWindowsPerRun) {
    this.configs = configs;
    this.clock = clock;
    this.maxWindowsPerRun = maxWindowsPerRun;
  }

  /** The plan; {@code onlyJobs} empty means every job. Unknown names are refused. */
  public RunPlan plan(String runId, Set<String> onlyJobs) {
    List<JobConfig> jobs = configs.all();
    for (String name : onlyJobs) {
      if (jobs.stream().noneMatch(j -> j.name().equals(name))) {
        throw new IllegalArgumentException("no job named '" + name + "' in the job table");
      }
    }
    List<RunPlan.PlannedJob> planned = new ArrayList<>();
    for (JobConfig job : jobs) {
      boolean selected = onlyJobs.isEmpty() || onlyJobs.contains(job.name());
      if (selected && job.state().status() != JobStatus.DISABLED) {
        List<LoadWindow> due = JobDueWindows.of(job, jobs, clock.instant(), maxWindowsPerRun);
        if (!due.isEmpty()) {
          planned.add(new RunPlan.PlannedJob(job.name(), due));
        }
      }
    }
    return new RunPlan(runId, planned);
  }

  /**
   * The plan of a back-fill: the named jobs' windows between {@code from} and {@code to}, which must lie
   * before each job's live window (see {@link io.tributary.core.window.BackfillWindows}).
   */
  public RunPlan planBackfill(String runId, Set<String> jobNames, Instant from, Instant to) {
    if (jobNames.isEmpty()) {
      throw new IllegalArgumentException("a back-fill names its jobs");
    }
    List<RunPlan.PlannedJob> planned = new ArrayList<>();
    for (String name : jobNames) {
      JobConfig job = configs.get(name)
          .orElseThrow(() -> new IllegalArgumentException("no job named '" + name + "' in the job table"));
      List<LoadWindow> windows = BackfillWindows.of(job.window(), from, to);
      // As many windows as a scheduled run takes: each window's entry and result travel in the execution's
      // state, which Step Functions caps at 256 KB.
      if (windows.size() > maxWindowsPerRun) {
        throw new IllegalArgumentException("a back-fill of job '" + name + "' from " + WindowTime.format(from)
            + " to " + WindowTime.format(to) + " has " + windows.size() + " windows, more than the "
            + maxWindowsPerRun + " an execution runs (MAX_WINDOWS_PER_RUN): back-fill to "
            + WindowTime.format(windows.get(maxWindowsPerRun - 1).stop()) + " first, then on from there");
      }
      planned.add(new RunPlan.PlannedJob(name, windows, List.of(), true));
    }
    return new RunPlan(runId, planned);
  }

  /** The plan of a live-fill: per job, its changed objects (see {@link LiveFillBatch}). */
  public RunPlan planLiveFill(String runId, Map<String, List<String>> changedByJob) {
    List<RunPlan.PlannedJob> planned = new ArrayList<>();
    changedByJob.forEach((name, objects) -> {
      JobConfig job = configs.get(name)
          .orElseThrow(() -> new IllegalArgumentException("no job named '" + name + "' in the job table"));
      if (job.kind() != JobKind.CONVERT) {
        throw new IllegalArgumentException("job '" + name + "' is not a convert job; only those live-fill");
      }
      planned.add(new RunPlan.PlannedJob(name, List.of(LiveFillBatch.coveringWindow(job, objects)), objects, false));
    });
    return new RunPlan(runId, planned);
  }

  /**
   * The plan of a triggered batch (new input registered by a kind's event trigger, such as Cubic's incoming
   * files): each named job runs once now, recorded as a re-run of the window before its live one, so its schedule
   * is unchanged. Only jobs of a kind whose definition runs triggered batches may be named.
   */
  public RunPlan planTriggered(String runId, Set<String> jobNames) {
    List<RunPlan.PlannedJob> planned = new ArrayList<>();
    for (String name : jobNames) {
      JobConfig job = configs.get(name)
          .orElseThrow(() -> new IllegalArgumentException("no job named '" + name + "' in the job table"));
      if (!job.kind().definition().runsTriggeredBatches()) {
        throw new IllegalArgumentException("job '" + name + "' is a " + job.kind().label()
            + " job, whose kind runs no triggered batches");
      }
      if (job.state().status() == JobStatus.DISABLED) {
        continue;
      }
      Duration length = Duration.between(job.window().start(), job.window().stop());
      LoadWindow previous = new LoadWindow(job.window().start().minus(length), job.window().start());
      planned.add(new RunPlan.PlannedJob(name, List.of(previous), List.of(), true));
    }
    return new RunPlan(runId, planned);
  }
}
