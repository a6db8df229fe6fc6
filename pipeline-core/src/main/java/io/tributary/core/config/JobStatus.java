package io.tributary.core.config;

/** The state the job table records for a job's current window. */
public enum JobStatus {
  /** Waiting for its window to be run. */
  PENDING,
  /** A run of its window is in progress. */
  RUNNING,
  /** Its last window succeeded; the window shown is the next one. */
  SUCCEEDED,
  /** Its last run failed; the window shown is the one to retry. */
  FAILED,
  /** Its window waits for source transactions still open when the last run gave up waiting; retried next run. */
  WAITING,
  /** Not scheduled (for example, removed from config.txt); history is kept. */
  DISABLED
}
