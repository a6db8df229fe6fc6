package io.tributary.core.run;

import io.tributary.core.window.LoadWindow;
import java.util.List;

/** What one execution will run: per job, its due windows in order. */
public record RunPlan(String runId, List<PlannedJob> jobs) {

  /**
   * One job's due windows, oldest first; or, for a live-fill, the one window covering the days of the
   * changed objects, which are converted without moving the job's window.
   */
  public record PlannedJob(String name, List<LoadWindow> windows, List<String> changedObjects) {
    public PlannedJob {
      windows = List.copyOf(windows);
      changedObjects = List.copyOf(changedObjects);
    }

    public PlannedJob(String name, List<LoadWindow> windows) {
      this(name, windows, List.of());
    }

    public boolean liveFill() {
      return !changedObjects.isEmpty();
    }
  }

  public RunPlan {
    jobs = List.copyOf(jobs);
  }

  /** The number of windows over all jobs. */
  public int windowCount() {
    return jobs.stream().mapToInt(j -> j.windows().size()).sum();
  }
}
