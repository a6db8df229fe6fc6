package io.tributary.livefill;

import io.tributary.convert.Conversion;
import io.tributary.convert.ConversionSummary;
import io.tributary.convert.DatasetOutcome;
import io.tributary.core.config.JobConfig;
import io.tributary.core.config.JobState;
import io.tributary.core.convert.ConversionRequest;
import io.tributary.core.convert.DatasetId;
import io.tributary.core.history.JobRun;
import io.tributary.core.history.WindowAlreadyRunningException;
import io.tributary.core.run.WindowBookkeeping;
import io.tributary.core.window.LoadWindow;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Live-fills one day of one convert job in this JVM: takes the day's lease in the run history (a run of the
 * job's window {@code [day, day + 1 day)}, so two invocations never publish one partition over each other while
 * other days go on), converts the changed datasets' partitions of that day, and records the run with its rows
 * read, written and rejected. A day another run holds is reported busy and left for the queue to retry.
 */
public final class DayLiveFill {
  /**
   * What became of the day: per dataset, empty when published, else why not; and the conversion's summary (its rows
   * and reject reports), absent when another run held the day.
   */
  public record Outcome(Map<DatasetId, Optional<String>> datasets, Optional<ConversionSummary> summary) {
    static Outcome busy(Set<DatasetId> datasets, String reason) {
      Map<DatasetId, Optional<String>> all = new LinkedHashMap<>();
      datasets.forEach(d -> all.put(d, Optional.of(reason)));
      return new Outcome(all, Optional.empty());
    }

    /** One line for the function's log: the day's rows, and where its rejected rows are kept. */
    String describe(String job, Instant day) {
      return summary.map(s -> "live-fill " + job + " " + day + ": " + s.rowsRead() + " rows read, " + s.rowsWritten()
          + " written, " + s.rowsRejected() + " rejected" + s.datasets().stream()
              .flatMap(d -> d.rejectReports().stream()).map(r -> "; rejects in " + r).collect(Collectors.joining())
          + (s.succeeded() ? "" : "; failed: " + s.failures().stream()
              .map(f -> f.dataset() + ": " + f.failure().orElse("")).toList()))
          .orElse("live-fill " + job + " " + day + ": held by another run, left to the queue");
    }
  }

  private final Conversion conversion;
  private final WindowBookkeeping bookkeeping;
  private final Clock clock;

  public DayLiveFill(Conversion conversion, WindowBookkeeping bookkeeping, Clock clock) {
    this.conversion = conversion;
    this.bookkeeping = bookkeeping;
    this.clock = clock;
  }

  /** Converts {@code datasets}' partitions of {@code day} for {@code job}. */
  public Outcome run(JobConfig job, Instant day, Set<DatasetId> datasets) throws IOException {
    LoadWindow window = new LoadWindow(day, day.plus(Duration.ofDays(1)));
    Instant started = clock.instant();
    // Unique per invocation, also when two convert the same day within one millisecond: the lease decides.
    String runId = "live-" + started.toEpochMilli() + "-" + job.name() + "-" + day.getEpochSecond() + "-"
        + UUID.randomUUID().toString().substring(0, 8);
    JobRun run;
    try {
      run = bookkeeping.start(job, window, runId, JobState.NO_CLUSTER, WindowBookkeeping.Mode.BACKFILL);
    } catch (WindowAlreadyRunningException e) {
      return Outcome.busy(datasets, "day " + window + " of job '" + job.name() + "' is being converted by another"
          + " run; retried later: " + e.getMessage());
    }
    ConversionRequest request = job.conversion().request(job.outputDir(), Optional.empty());
    Map<DatasetId, Set<Instant>> changed = new LinkedHashMap<>();
    datasets.forEach(d -> changed.put(d, Set.of(day)));
    ConversionSummary summary;
    try {
      summary = conversion.liveFill(request, changed, runId);
    } catch (IOException | RuntimeException e) {
      bookkeeping.fail(run, e.toString(), WindowBookkeeping.Mode.BACKFILL);
      throw e;
    }
    Map<DatasetId, Optional<String>> outcomes = new LinkedHashMap<>();
    datasets.forEach(d -> outcomes.put(d, Optional.empty()));
    for (DatasetOutcome outcome : summary.datasets()) {
      outcomes.put(outcome.dataset(), outcome.failure());
    }
    if (summary.succeeded()) {
      bookkeeping.succeed(run, summary.runRecord(job.outputDir().toString(),
          Duration.between(started, clock.instant())), WindowBookkeeping.Mode.BACKFILL);
    } else {
      bookkeeping.fail(run, summary.failures().stream().map(f -> f.dataset() + ": " + f.failure().orElse(""))
          .toList().toString(), WindowBookkeeping.Mode.BACKFILL);
    }
    return new Outcome(outcomes, Optional.of(summary));
  }
}
