package io.tributary.local;

import com.fasterxml.jackson.databind.JsonNode;
import io.tributary.convert.Conversion;
import io.tributary.convert.InProcessUnits;
import io.tributary.core.config.JobConfig;
import io.tributary.core.config.JobKind;
import io.tributary.core.convert.DatasetId;
import io.tributary.core.history.ConfigStore;
import io.tributary.core.history.HistoryStore;
import io.tributary.core.history.JobRun;
import io.tributary.core.run.LiveFillBatch;
import io.tributary.core.run.WindowBookkeeping;
import io.tributary.livefill.DayLiveFill;
import io.tributary.livefill.LiveFillFunction;
import io.tributary.local.sfn.LocalOrchestration;
import io.tributary.orchestration.ExecutionRequest;
import io.tributary.orchestration.Executions;
import io.tributary.orchestration.Json;
import io.tributary.orchestration.SqsBatch;
import io.tributary.storage.Storage;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.apache.hadoop.conf.Configuration;

/**
 * The demo's live-fill act: a new day file lands in a live day job's source, and the live-fill function (the one
 * deployed to Lambda, here in this JVM) converts its partition under the day's lease and records the run, with no
 * cluster: the local EMR runs no step for it.
 */
final class LiveFillDemo {
  private LiveFillDemo() {}

  /** The first live convert job the function converts itself (hour or day partitions), if any. */
  static Optional<JobConfig> job(List<JobConfig> jobs) {
    return jobs.stream().filter(j -> j.kind() == JobKind.CONVERT && j.conversion().live()
        && LiveFillBatch.convertsInFunction(j)).findFirst();
  }

  /** Lands {@code day} in {@code job}'s source and live-fills it; false when its day failed. */
  static boolean play(PrintWriter out, JobConfig job, Instant day, ConfigStore configs, HistoryStore history,
      LocalOrchestration orchestration, Clock clock) throws IOException {
    DatasetId dataset = job.conversion().datasets().isEmpty() ? DatasetId.parse("caiso/prices")
        : job.conversion().datasets().get(0);
    Path feeds = Path.of(job.conversion().source().uri());
    Path landed = DemoFeeds.writeDay(feeds, dataset, day);
    int stepsBefore = orchestration.emr().usage().steps();
    out.printf("%nLive-fill: %s landed in %s's source; the live-fill function converts it in this JVM...%n",
        feeds.relativize(landed), job.name());
    out.flush();
    Storage storage = Storage.hadoop(new Configuration());
    Conversion conversion = new Conversion(storage, new InProcessUnits(storage,
        Runtime.getRuntime().availableProcessors()), Conversion.DEFAULT_MEMORY_BUDGET, clock);
    DayLiveFill days = new DayLiveFill(conversion, new WindowBookkeeping(history, clock, Duration.ofMinutes(6)), clock);
    LiveFillFunction function = new LiveFillFunction(configs, days, new StateMachineExecutions(orchestration), clock,
        line -> out.println("  " + line));
    long started = System.nanoTime();
    JsonNode response = function.convert(new SqsBatch(List.of(new SqsBatch.Message("demo-" + day.getEpochSecond(),
        List.of(landed.toUri().toString()))), List.of()));
    double seconds = (System.nanoTime() - started) / 1e9;
    JobRun run = history.runs(job.name()).stream().filter(r -> r.window().start().equals(day)).findFirst()
        .orElseThrow(() -> new IllegalStateException("no run of " + job.name() + " for " + day + " in history"));
    out.printf("  %d day(s) converted in %.2f s, %s; the local EMR ran %d step(s) for it%n",
        response.path("daysConverted").asInt(), seconds, response.path("batchItemFailures").isEmpty()
            ? "no message failed" : "failed: " + response.path("failed"), orchestration.emr().usage().steps() - stepsBefore);
    out.printf("  history: %s %s %s, %s%n", run.jobName(), run.window(), run.status(), run.result()
        .map(r -> r.rowsRead() + " rows read, " + r.rowsWritten() + " written, " + r.rowsRejected() + " rejected")
        .orElse(run.error().orElse("")));
    out.flush();
    return response.path("batchItemFailures").isEmpty();
  }

  /** Month and year live-fills go to the local state machine, run to its end before the call returns. */
  private record StateMachineExecutions(LocalOrchestration orchestration) implements Executions {
    @Override
    public List<String> runningNames() {
      return List.of();
    }

    @Override
    public String start(ExecutionRequest request) {
      try {
        return orchestration.execute(Json.MAPPER.readTree(request.input())).name();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while the state machine ran " + request.name(), e);
      }
    }
  }
}
