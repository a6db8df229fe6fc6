package io.tributary.orchestration;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tributary.core.config.JobConfig;
import io.tributary.core.run.LiveFillBatch;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The execution of the state machine that live-fills month and year jobs on a cluster: it rewrites exactly the
 * partitions holding a batch's objects, each once. These live-fills run one at a time: two must not rebuild one
 * month or year at once (the one that listed its days first could publish last and drop the other's day).
 */
public final class LiveFillExecution {
  /** Live-fill executions are named {@code live-<epoch seconds>-<hash>}. */
  public static final String LIVE_PREFIX = "live-";

  private LiveFillExecution() {}

  /** The running live-fill among the state machine's running executions, if any. */
  public static Optional<String> running(List<String> runningExecutionNames) {
    return runningExecutionNames.stream().filter(name -> name.startsWith(LIVE_PREFIX)).findFirst();
  }

  /** The execution that live-fills {@code objects}, if any of {@code jobs} (live convert jobs) takes them. */
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
