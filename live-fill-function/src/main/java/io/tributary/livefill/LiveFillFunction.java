package io.tributary.livefill;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tributary.core.config.JobConfig;
import io.tributary.core.convert.DatasetId;
import io.tributary.core.convert.SourceChanges;
import io.tributary.core.history.ConfigStore;
import io.tributary.core.run.LiveFillBatch;
import io.tributary.orchestration.ExecutionRequest;
import io.tributary.orchestration.Executions;
import io.tributary.orchestration.Json;
import io.tributary.orchestration.LiveFillExecution;
import io.tributary.orchestration.SqsBatch;
import io.tributary.orchestration.SqsBatch.Message;
import io.tributary.orchestration.SqsBatch.Rejected;
import io.tributary.orchestration.TaskHandler;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The live-fill trigger: SQS batches of S3 events, matched to the live convert jobs of their prefix. The changed days
 * of hour and day jobs ({@link LiveFillBatch#convertsInFunction}) are converted here, one day of one job at a time
 * under that day's lease ({@link DayLiveFill}); month and year jobs start one execution of the state machine, which
 * runs them on a cluster, as {@link LiveFillExecution} does. Each message whose days failed, or could not start,
 * goes back to the queue alone (partial batch failure); the others are done.
 */
public final class LiveFillFunction implements TaskHandler {
  /** One day of one job's datasets, the unit of a lease and of a run. */
  private record JobDay(JobConfig job, Instant day) {}

  private final ConfigStore configs;
  private final DayLiveFill days;
  private final Executions executions;
  private final Clock clock;
  private final Consumer<String> log;

  /** Over the job table, the day's conversion, the state machine; each day's outcome is a line to {@code log}. */
  public LiveFillFunction(ConfigStore configs, DayLiveFill days, Executions executions, Clock clock,
      Consumer<String> log) {
    this.configs = configs;
    this.days = days;
    this.executions = executions;
    this.clock = clock;
    this.log = log;
  }

  @Override
  public JsonNode handle(JsonNode event) throws IOException {
    return convert(SqsBatch.of(event));
  }

  /**
   * Live-fills the objects of {@code batch}'s messages ({@code s3://} URIs, or {@code file:} ones locally) and
   * returns the batch's item failures, the days converted here and the execution started, if any.
   */
  public ObjectNode convert(SqsBatch batch) throws IOException {
    List<JobConfig> jobs = configs.all();
    List<JobConfig> here = jobs.stream().filter(LiveFillBatch::convertsInFunction).toList();
    List<JobConfig> onCluster = jobs.stream().filter(j -> !LiveFillBatch.convertsInFunction(j)).toList();
    Map<String, String> failed = new LinkedHashMap<>();
    Map<JobDay, Map<DatasetId, Set<String>>> changed = changedDays(batch, here);
    for (Map.Entry<JobDay, Map<DatasetId, Set<String>>> day : changed.entrySet()) {
      DayLiveFill.Outcome outcome = days.run(day.getKey().job(), day.getKey().day(), day.getValue().keySet());
      log.accept(outcome.describe(day.getKey().job().name(), day.getKey().day()));
      outcome.datasets().forEach((dataset, failure) -> failure.ifPresent(reason ->
          day.getValue().get(dataset).forEach(message -> failed.putIfAbsent(message, reason))));
    }
    ObjectNode cluster = startCluster(batch, onCluster, failed);
    List<Rejected> failures = new ArrayList<>();
    failed.forEach((message, reason) -> failures.add(new Rejected(message, reason)));
    if (failures.stream().anyMatch(f -> f.messageId().equals(Message.DIRECT))) {
      throw new IllegalStateException("live-fill failed: " + failures); // a direct invocation fails whole
    }
    ObjectNode out = batch.response(failures);
    out.put("daysConverted", changed.size());
    out.setAll(cluster);
    return out;
  }

  /** Per job day converted here, its changed datasets and, for each, the messages that named it. */
  private static Map<JobDay, Map<DatasetId, Set<String>>> changedDays(SqsBatch batch, List<JobConfig> jobs) {
    Map<JobDay, Map<DatasetId, Set<String>>> days = new LinkedHashMap<>();
    for (Message message : batch.messages()) {
      for (Map.Entry<String, List<String>> job : LiveFillBatch.byJob(jobs, message.objects()).entrySet()) {
        JobConfig config = jobs.stream().filter(j -> j.name().equals(job.getKey())).findFirst().orElseThrow();
        SourceChanges changes = SourceChanges.of(config.conversion().source(), config.conversion().sourceLayout(),
            job.getValue());
        changes.changedDays().forEach((dataset, changedDays) -> {
          if (config.conversion().datasets().isEmpty() || config.conversion().datasets().contains(dataset)) {
            for (Instant day : changedDays) {
              days.computeIfAbsent(new JobDay(config, day), d -> new LinkedHashMap<>())
                  .computeIfAbsent(dataset, d -> new LinkedHashSet<>()).add(message.messageId());
            }
          }
        });
      }
    }
    return days;
  }

  /**
   * Starts the state machine for the month and year jobs' objects, unless a live-fill runs there: two must not
   * rebuild one month at once, so then their messages go back to the queue.
   */
  private ObjectNode startCluster(SqsBatch batch, List<JobConfig> jobs, Map<String, String> failed) {
    ObjectNode out = Json.object();
    Optional<ExecutionRequest> request = LiveFillExecution.request(batch.objects(), jobs, clock.instant());
    out.put("started", request.isPresent());
    if (request.isEmpty()) {
      return out;
    }
    Optional<String> busy = LiveFillExecution.running(executions.runningNames());
    if (busy.isPresent()) {
      for (Message message : batch.messages()) {
        if (!LiveFillBatch.byJob(jobs, message.objects()).isEmpty()) {
          failed.putIfAbsent(message.messageId(), "live-fill " + busy.get() + " is running; retried later");
        }
      }
      out.put("started", false);
      return out;
    }
    out.put("executionArn", executions.start(request.get()));
    return out;
  }
}
