package io.tributary.orchestration;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tributary.core.config.JobConfig;
import io.tributary.core.history.ConfigStore;
import io.tributary.core.run.LiveFillBatch;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Live-fill trigger: source buckets send ObjectCreated events to an SQS queue; this handler receives them in
 * batches (the event source mapping's batching window gathers the files that land together), matches the
 * objects to the live convert jobs of their prefix and starts one execution of the state machine that
 * rewrites exactly the partitions holding them, each once per batch. Live-fills run one at a time: while one
 * runs, the batch fails and goes back to the queue.
 */
public final class LiveFillHandler implements TaskHandler {
  /** Live-fill executions are named {@code live-<epoch seconds>-<hash>}. */
  public static final String LIVE_PREFIX = "live-";

  /** The state machine's executions, as far as the trigger needs them. */
  public interface Executions {
    /** The names of the running executions. */
    List<String> runningNames();

    /** Starts an execution; returns its ARN. */
    String start(ExecutionRequest request);
  }

  /** An execution to start: its name and input. */
  public record ExecutionRequest(String name, String input) {}

  private final ConfigStore configs;
  private final Executions executions;
  private final Clock clock;

  public LiveFillHandler(ConfigStore configs, Executions executions, Clock clock) {
    this.configs = configs;
    this.executions = executions;
    this.clock = clock;
  }

  @Override
  public JsonNode handle(JsonNode event) throws IOException {
    SqsBatch batch = SqsBatch.of(event);
    Optional<ExecutionRequest> request = request(batch.objects(), configs.all(), clock.instant());
    ObjectNode out = batch.response();
    if (request.isPresent()) {
      Optional<String> busy = runningLiveFill(executions.runningNames());
      if (busy.isPresent()) {
        // Two live-fills must not rebuild one month or year at once: the one that listed its days first
        // could publish last and drop the other's day. Failing returns the batch to the queue.
        throw new IllegalStateException("live-fill " + busy.get() + " is running; this batch is retried later");
      }
      out.put("executionArn", executions.start(request.get()));
    }
    out.put("started", request.isPresent());
    return out;
  }

  /** The running live-fill among the state machine's running executions, if any. */
  public static Optional<String> runningLiveFill(List<String> runningExecutionNames) {
    return runningExecutionNames.stream().filter(name -> name.startsWith(LIVE_PREFIX)).findFirst();
  }

  /** The execution that live-fills {@code objects}, if any live convert job takes them. */
  public static Optional<ExecutionRequest> request(List<String> objects, List<JobConfig> jobs, Instant now) {
    Map<String, List<String>> byJob = LiveFillBatch.byJob(jobs, objects);
    if (byJob.isEmpty()) {
      return Optional.empty();
    }
    ObjectNode input = Json.object().put("trigger", "live-fill");
    ObjectNode liveFill = input.putObject("liveFill");
    byJob.forEach((job, uris) -> uris.forEach(liveFill.withArray(job)::add));
    String name = LIVE_PREFIX + now.getEpochSecond() + "-" + Integer.toHexString(byJob.hashCode() & 0xfffffff);
    return Optional.of(new ExecutionRequest(name, input.toString()));
  }
}
