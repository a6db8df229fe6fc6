package io.tributary.core.history;

import io.tributary.core.config.JobConfig;
import io.tributary.core.config.JobState;
import io.tributary.core.window.LoadWindow;
import java.util.List;
import java.util.Optional;

/** The job table as the scheduler sees it: every job with its current window and state. */
public interface ConfigStore {

  /**
   * Makes {@code jobs} the job table: adds or replaces each, and marks DISABLED every stored job that
   * {@code jobs} does not name (its history is kept).
   */
  void load(List<JobConfig> jobs);

  /** Every job, in name order. */
  List<JobConfig> all();

  /** The job named {@code name}, if any. */
  Optional<JobConfig> get(String name);

  /**
   * Moves the job's window from {@code expected} to {@code next} and sets its state, only if its window
   * is still {@code expected}.
   *
   * @throws ConcurrentWindowChangeException when the stored window is no longer {@code expected}
   */
  void advance(String name, LoadWindow expected, LoadWindow next, JobState state);

  /** Sets the job's state, keeping its window. */
  void setState(String name, JobState state);
}
