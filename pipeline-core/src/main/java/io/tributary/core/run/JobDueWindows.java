package io.tributary.core.run;

import io.tributary.core.config.JobConfig;
import io.tributary.core.window.DueWindows;
import io.tributary.core.window.LoadWindow;
import java.time.Instant;
import java.util.List;

/**
 * The due windows of a job among its job table: closed windows, oldest first, capped per run; a job that
 * reads another job's windows (its upstream) only up to the window that job has published.
 */
public final class JobDueWindows {
  private JobDueWindows() {}

  public static List<LoadWindow> of(JobConfig job, List<JobConfig> jobs, Instant now, int maxWindows) {
    List<LoadWindow> due = DueWindows.of(job.window(), now, maxWindows);
    if (job.source().upstreamJob().isEmpty()) {
      return due;
    }
    String upstream = job.source().upstreamJob().get();
    Instant published = jobs.stream().filter(j -> j.name().equals(upstream)).findFirst()
        .map(j -> j.window().start()).orElse(Instant.MIN);
    return due.stream().filter(window -> !window.stop().isAfter(published)).toList();
  }
}
