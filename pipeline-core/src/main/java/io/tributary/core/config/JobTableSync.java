package io.tributary.core.config;

import io.tributary.core.history.ConfigStore;
import java.util.List;
import java.util.function.Consumer;

/**
 * Makes an uploaded config.txt the job table: validated whole, then loaded (jobs it no longer names are
 * disabled, their history kept). An invalid file changes nothing: the previous table stays in force and
 * every problem, with its line, goes to {@code alerts} and back to the caller.
 */
public final class JobTableSync {
  private final ConfigStore configs;
  private final Consumer<String> alerts;

  public JobTableSync(ConfigStore configs, Consumer<String> alerts) {
    this.configs = configs;
    this.alerts = alerts;
  }

  /** Validates and loads {@code content}, named {@code source} in messages; returns the jobs loaded. */
  public List<JobConfig> sync(String source, String content) {
    List<JobConfig> jobs;
    try {
      jobs = JobTableParser.parse(source, content);
    } catch (InvalidJobTableException e) {
      alerts.accept(e.getMessage() + "\nThe previous job table stays in force.");
      throw e;
    }
    configs.load(jobs);
    return jobs;
  }
}
