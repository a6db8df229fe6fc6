package io.tributary.core.run;

import io.tributary.core.config.ConversionSource;
import io.tributary.core.config.JobConfig;
import io.tributary.core.config.JobKind;
import io.tributary.core.config.JobStatus;
import io.tributary.core.convert.DatasetId;
import io.tributary.core.convert.SourceChanges;
import io.tributary.core.window.LoadWindow;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A batch of new or updated source objects (S3 events) matched to the live convert jobs configured for
 * their prefix: per job, the objects it must live-fill. An object below several jobs' sources goes to each;
 * one that is not a day file, or is outside a job's datasets, goes to none.
 */
public final class LiveFillBatch {
  private LiveFillBatch() {}

  /** Per live, enabled convert job (in table order), the objects of the batch it converts, each once. */
  public static Map<String, List<String>> byJob(Collection<JobConfig> jobs, Collection<String> objectUris) {
    Map<String, List<String>> byJob = new LinkedHashMap<>();
    for (JobConfig job : jobs) {
      if (job.kind() != JobKind.CONVERT || !job.conversion().live() || job.state().status() == JobStatus.DISABLED) {
        continue;
      }
      ConversionSource conversion = job.conversion();
      Set<String> mine = new LinkedHashSet<>();
      for (String uri : objectUris) {
        SourceChanges changes = SourceChanges.of(conversion.source(), conversion.sourceLayout(), List.of(uri));
        for (DatasetId dataset : changes.changedDays().keySet()) {
          if (conversion.datasets().isEmpty() || conversion.datasets().contains(dataset)) {
            mine.add(uri);
          }
        }
      }
      if (!mine.isEmpty()) {
        byJob.put(job.name(), new ArrayList<>(mine));
      }
    }
    return byJob;
  }

  /**
   * Whether the live-fill function converts the job's changed days itself: a convert job whose units are one day
   * file each (hour and day partitions), so memory and time stay those of one file. Month and year partitions,
   * which read every day file they hold, go to a cluster through the state machine.
   */
  public static boolean convertsInFunction(JobConfig job) {
    return job.kind() == JobKind.CONVERT && job.conversion().target().partitionSize().unitIsOneDay();
  }

  /** The days a job's objects hold: the first day's start to the last day's end (the run's lease). */
  public static LoadWindow coveringWindow(JobConfig job, Collection<String> objectUris) {
    SourceChanges changes = SourceChanges.of(job.conversion().source(), job.conversion().sourceLayout(), objectUris);
    Instant first = null;
    Instant last = null;
    for (Set<Instant> days : changes.changedDays().values()) {
      for (Instant day : days) {
        first = first == null || day.isBefore(first) ? day : first;
        last = last == null || day.isAfter(last) ? day : last;
      }
    }
    if (first == null) {
      throw new IllegalArgumentException("job '" + job.name() + "': no day files below "
          + job.conversion().source() + " among " + objectUris);
    }
    return new LoadWindow(first, last.plusSeconds(86_400));
  }
}
