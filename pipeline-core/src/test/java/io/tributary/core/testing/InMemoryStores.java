package io.tributary.core.testing;

import io.tributary.core.config.JobConfig;
import io.tributary.core.config.JobState;
import io.tributary.core.config.JobStatus;
import io.tributary.core.history.ConcurrentWindowChangeException;
import io.tributary.core.history.ConfigStore;
import io.tributary.core.history.HistoryStore;
import io.tributary.core.history.JobRun;
import io.tributary.core.history.JobUpdate;
import io.tributary.core.history.RunRecord;
import io.tributary.core.history.RunStatus;
import io.tributary.core.history.RunTakenOverException;
import io.tributary.core.history.WindowLease;
import io.tributary.core.window.LoadWindow;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The job table and run history in memory, with the semantics of the DynamoDB stores (the same contract
 * tests run against both): each write is one atomic operation, and {@link StoreFaults} can fail any of them.
 */
public final class InMemoryStores {
  private record LeaseKey(String jobName, LoadWindow window) {}

  private final Map<String, JobConfig> jobs = new TreeMap<>();
  private final Map<LeaseKey, WindowLease> leases = new HashMap<>();
  /** Runs by job, keyed by (window start, started at, run id) as the history table's sort key. */
  private final Map<String, Map<String, JobRun>> runs = new HashMap<>();
  private final StoreFaults faults = new StoreFaults();
  private final ConfigStore configs = new Configs();
  private final HistoryStore history = new History();

  public ConfigStore configs() {
    return configs;
  }

  public HistoryStore history() {
    return history;
  }

  public StoreFaults faults() {
    return faults;
  }

  private synchronized <T> T write(String name, java.util.function.Supplier<T> apply) {
    return faults.write(name, apply);
  }

  private static String runKey(JobRun run) {
    return run.window().start() + "#" + run.startedAt() + "#" + run.runId();
  }

  private final class Configs implements ConfigStore {
    @Override
    public void load(List<JobConfig> newJobs) {
      write("load", () -> {
        Set<String> named = newJobs.stream().map(JobConfig::name).collect(Collectors.toSet());
        newJobs.forEach(job -> jobs.put(job.name(), job));
        jobs.replaceAll((name, job) -> named.contains(name) || job.state().status() == JobStatus.DISABLED ? job
            : job.withState(new JobState(job.state().loadDate(), job.state().jobFlowId(), JobStatus.DISABLED)));
        return null;
      });
    }

    @Override
    public List<JobConfig> all() {
      synchronized (InMemoryStores.this) {
        return List.copyOf(jobs.values());
      }
    }

    @Override
    public Optional<JobConfig> get(String name) {
      synchronized (InMemoryStores.this) {
        return Optional.ofNullable(jobs.get(name));
      }
    }

    @Override
    public void advance(String name, LoadWindow expected, LoadWindow next, JobState state) {
      write("advance", () -> {
        JobConfig job = jobs.get(name);
        if (job == null || !job.window().equals(expected)) {
          throw new ConcurrentWindowChangeException(name, expected);
        }
        jobs.put(name, job.withWindow(next).withState(state));
        return null;
      });
    }

    @Override
    public void setState(String name, JobState state) {
      write("setState", () -> {
        JobConfig job = jobs.get(name);
        if (job == null) {
          throw new IllegalStateException("no job " + name);
        }
        jobs.put(name, job.withState(state));
        return null;
      });
    }
  }

  private final class History implements HistoryStore {
    @Override
    public JobRun start(String jobName, LoadWindow window, String runId, Instant now, Duration lease, boolean rerun,
        Optional<JobUpdate> job) {
      return write("start", () -> {
        LeaseKey key = new LeaseKey(jobName, window);
        WindowLease held = leases.get(key);
        if (held != null && held.heldBy(runId)) {
          return JobRun.started(jobName, window, runId, held.startedAt());
        }
        if (held != null && !held.free(now, rerun)) {
          throw held.refusal(jobName, window);
        }
        job.ifPresent(update -> checkJob(jobName, update));
        JobRun run = JobRun.started(jobName, window, runId, now);
        if (held != null && held.abandonsHolder()) {
          Map<String, JobRun> jobRuns = runs.get(jobName);
          String abandonedKey = window.start() + "#" + held.startedAt() + "#" + held.runId();
          jobRuns.put(abandonedKey, jobRuns.get(abandonedKey).abandoned(runId, now));
        }
        leases.put(key, new WindowLease(runId, RunStatus.RUNNING, now.plus(lease), now));
        runs.computeIfAbsent(jobName, n -> new HashMap<>()).put(runKey(run), run);
        job.ifPresent(update -> applyJob(jobName, update));
        return run;
      });
    }

    @Override
    public JobRun succeed(JobRun run, RunRecord record, Instant now, Optional<JobUpdate> job) {
      return end(run.succeeded(record, now), job);
    }

    @Override
    public JobRun fail(JobRun run, String error, Instant now, Optional<JobUpdate> job) {
      return end(run.failed(error, now), job);
    }

    @Override
    public JobRun waited(JobRun run, String reason, Instant now, Optional<JobUpdate> job) {
      return end(run.waiting(reason, now), job);
    }

    private JobRun end(JobRun ended, Optional<JobUpdate> job) {
      return write(ended.status().name().toLowerCase(), () -> {
        JobRun stored = runs.getOrDefault(ended.jobName(), Map.of()).get(runKey(ended));
        if (stored == null) {
          throw new IllegalStateException("run " + ended.runId() + " is not in history");
        }
        if (stored.status() != RunStatus.RUNNING) {
          if (stored.status() == ended.status() || ended.status() == RunStatus.FAILED) {
            return stored;
          }
          throw new RunTakenOverException(ended, "it is " + stored.status());
        }
        WindowLease lease = leases.get(new LeaseKey(ended.jobName(), ended.window()));
        if (lease == null || !lease.runId().equals(ended.runId())) {
          throw new RunTakenOverException(ended, "another run holds its lease");
        }
        job.ifPresent(update -> checkJob(ended.jobName(), update));
        runs.get(ended.jobName()).put(runKey(ended), ended);
        leases.put(new LeaseKey(ended.jobName(), ended.window()),
            new WindowLease(lease.runId(), ended.status(), lease.expiresAt(), lease.startedAt()));
        job.ifPresent(update -> applyJob(ended.jobName(), update));
        return ended;
      });
    }

    @Override
    public List<JobRun> runs(String jobName) {
      synchronized (InMemoryStores.this) {
        List<JobRun> list = new ArrayList<>(runs.getOrDefault(jobName, Map.of()).values());
        list.sort(Comparator.comparing(JobRun::startedAt).thenComparing(JobRun::runId).reversed());
        return list;
      }
    }

    private void checkJob(String jobName, JobUpdate update) {
      JobConfig job = jobs.get(jobName);
      if (job == null) {
        throw new IllegalStateException("job '" + jobName + "' left the job table during its run");
      }
      if (update.move().isPresent() && !job.window().equals(update.move().get().from())) {
        throw new ConcurrentWindowChangeException(jobName, update.move().get().from());
      }
    }

    private void applyJob(String jobName, JobUpdate update) {
      JobConfig job = jobs.get(jobName);
      JobState state = job.state();
      JobConfig updated = job.withState(new JobState(update.loadDate().or(state::loadDate),
          update.jobFlowId().orElse(state.jobFlowId()), update.status()));
      jobs.put(jobName, update.move().map(m -> updated.withWindow(m.to())).orElse(updated));
    }
  }
}
