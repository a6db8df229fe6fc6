package io.tributary.core.config;

import java.time.LocalDate;
import java.util.Objects;
import java.util.Optional;

/**
 * The bookkeeping columns of a job row: the date of its last load, the EMR cluster that ran it
 * ({@code -} when none), and its status.
 */
public record JobState(Optional<LocalDate> loadDate, String jobFlowId, JobStatus status) {
  /** The job_flow_id of a job that has not run on a cluster. */
  public static final String NO_CLUSTER = JobRows.NOT_APPLICABLE;

  public JobState {
    Objects.requireNonNull(loadDate, "loadDate");
    Objects.requireNonNull(jobFlowId, "jobFlowId");
    Objects.requireNonNull(status, "status");
  }

  /** The state of a job that has never run. */
  public static JobState pending() {
    return new JobState(Optional.empty(), NO_CLUSTER, JobStatus.PENDING);
  }
}
