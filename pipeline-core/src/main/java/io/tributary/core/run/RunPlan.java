package io.tributary.core.run;

import io.tributary.core.window.LoadWindow;
import java.util.List;

/** What one execution will run: per job, its due windows in order. */
public record RunPlan(String runId, List<PlannedJob> jobs) {

  /** One job's due windows, oldest first. */
  public record PlannedJob(String name, List<LoadWindow> windows) {
    public PlannedJob {
      windows = List.copyOf(windows);
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
