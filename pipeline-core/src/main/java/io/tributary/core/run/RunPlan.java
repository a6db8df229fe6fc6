package io.tributary.core.run;

import io.tributary.core.window.LoadWindow;
import java.util.List;

/** What one execution will run: per job, its due windows in order. */
public record RunPlan(String runId, List<PlannedJob> jobs) {

  /**
   * One job's due windows, oldest first; or the past windows of a back-fill; or, for a live-fill, the one
   * window covering the days of the changed objects. Back-fills and live-fills never move the job's window.
   */
  public record PlannedJob(String name, List<LoadWindow> windows, List<String> changedObjects, boolean backfill) {
    public PlannedJob {
      windows = List.copyOf(windows);
      changedObjects = List.copyOf(changedObjects);
    }

    public PlannedJob(String name, List<LoadWindow> windows) {
      this(name, windows, List.of(), false);
    }

    public boolean liveFill() {
      return !changedObjects.isEmpty();
    }

    /** True when the windows run without moving the job (back-fill or live-fill). */
    public boolean keepsJobWindow() {
      return backfill || liveFill();
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
