package io.tributary.orchestration.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tributary.core.config.JobConfig;
import io.tributary.core.run.LiveFillBatch;
import io.tributary.orchestration.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.ExecutionListItem;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;
import software.amazon.awssdk.services.sfn.model.StartExecutionRequest;

/**
 * Live-fill trigger: source buckets send ObjectCreated events to an SQS queue; this function receives them
 * in batches (the event source mapping's batching window gathers the files that land together), matches
 * the objects to the live convert jobs of their prefix and starts one execution of the state machine that
 * rewrites exactly the partitions holding them, each once per batch. Live-fills run one at a time (the
 * function's reserved concurrency is 1, and a batch arriving while a live-fill runs goes back to the queue).
 */
public final class LiveFillLambda implements RequestStreamHandler {
  /** Live-fill executions are named {@code live-<epoch seconds>-<hash>}. */
  static final String LIVE_PREFIX = "live-";

  private final AwsEnvironment env = AwsEnvironment.fromSystem();

  @Override
  public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
    JsonNode event = Json.MAPPER.readTree(input);
    List<JobConfig> jobs = env.configStore(env.dynamoDb()).all();
    Optional<StartExecutionRequest> request = request(env.require("STATE_MACHINE_ARN"), objects(event), jobs,
        Instant.now());
    ObjectNode out = Json.object();
    if (request.isPresent()) {
      try (SfnClient sfn = env.sfn()) {
        List<String> running = sfn.listExecutionsPaginator(b -> b.stateMachineArn(env.require("STATE_MACHINE_ARN"))
            .statusFilter(ExecutionStatus.RUNNING)).executions().stream().map(ExecutionListItem::name).toList();
        Optional<String> busy = runningLiveFill(running);
        if (busy.isPresent()) {
          // Failing returns the batch to the queue; it is retried after the visibility timeout, when the
          // running live-fill has published. Two live-fills must not rebuild one month or year at once:
          // the one that listed its days first could publish last and drop the other's day.
          throw new IllegalStateException("live-fill " + busy.get() + " is running; this batch is retried later");
        }
        out.put("executionArn", sfn.startExecution(request.get()).executionArn());
      }
    }
    out.put("started", request.isPresent());
    Json.MAPPER.writeValue(output, out);
  }

  /** The running live-fill among the state machine's running executions, if any. */
  static Optional<String> runningLiveFill(List<String> runningExecutionNames) {
    return runningExecutionNames.stream().filter(name -> name.startsWith(LIVE_PREFIX)).findFirst();
  }

  /** The s3:// URIs of an SQS batch of S3 notifications (or of one S3 notification). */
  static List<String> objects(JsonNode event) throws IOException {
    List<String> uris = new ArrayList<>();
    for (JsonNode record : event.path("Records")) {
      if (record.has("body")) {
        JsonNode body = Json.MAPPER.readTree(record.get("body").asText());
        if (body.path("Event").asText().equals("s3:TestEvent")) {
          continue; // sent once when the notification is configured
        }
        S3ObjectEvents.objects(body).forEach(o -> uris.add(o.uri()));
      } else {
        S3ObjectEvents.objects(Json.object().set("Records", Json.MAPPER.createArrayNode().add(record)))
            .forEach(o -> uris.add(o.uri()));
      }
    }
    return uris;
  }

  /** The execution that live-fills {@code objects}, if any live convert job takes them. */
  static Optional<StartExecutionRequest> request(String stateMachineArn, List<String> objects, List<JobConfig> jobs,
      Instant now) {
    Map<String, List<String>> byJob = LiveFillBatch.byJob(jobs, objects);
    if (byJob.isEmpty()) {
      return Optional.empty();
    }
    ObjectNode input = Json.object().put("trigger", "live-fill");
    ObjectNode liveFill = input.putObject("liveFill");
    byJob.forEach((job, uris) -> uris.forEach(liveFill.withArray(job)::add));
    String name = LIVE_PREFIX + now.getEpochSecond() + "-" + Integer.toHexString(byJob.hashCode() & 0xfffffff);
    return Optional.of(StartExecutionRequest.builder().stateMachineArn(stateMachineArn).name(name)
        .input(input.toString()).build());
  }
}
