package io.tributary.core.config;

import io.tributary.core.history.ConfigStore;
import java.util.List;
import java.util.function.Consumer;

/**
 * Makes an uploaded config.txt the job table: validated whole, then loaded (jobs it no longer names are
 * disabled, their history kept). An invalid file changes nothing: the previous table stays in force and
 * every problem, with its line, goes to {@code alerts} and back to the caller. A file with no job at all
 * (a header only, an emptied upload) would disable every job: it is refused unless it says so with the line
 * {@value #DISABLE_ALL}.
 */
public final class JobTableSync {
  /** The line with which a job table with no jobs may disable every job. */
  public static final String DISABLE_ALL = "# disable every job";

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
      long enabled = configs.all().stream().filter(j -> j.state().status() != JobStatus.DISABLED).count();
      if (jobs.isEmpty() && enabled > 0 && content.lines().noneMatch(line -> line.strip().equals(DISABLE_ALL))) {
        throw new InvalidJobTableException(List.of(new ConfigProblem(source, 1, null, "no jobs: loading it would"
            + " disable every job (" + enabled + " enabled); to do that, add the line '" + DISABLE_ALL + "'")));
      }
    } catch (InvalidJobTableException e) {
      alerts.accept(e.getMessage() + "\nThe previous job table stays in force.");
      throw e;
    }
    configs.load(jobs);
    return jobs;
  }
}
