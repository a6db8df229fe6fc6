package io.tributary.orchestration;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tributary.core.config.JobConfig;
import io.tributary.core.config.JobState;
import io.tributary.core.config.JobStatus;
import io.tributary.core.history.ConfigStore;
import io.tributary.core.history.HistoryStore;
import io.tributary.core.history.JobRun;
import io.tributary.core.history.RunRecord;
import io.tributary.core.history.RunRecordJson;
import io.tributary.core.history.TextObjects;
import io.tributary.core.history.WindowAlreadyRunningException;
import io.tributary.core.window.LoadWindow;
import io.tributary.orchestration.emr.StepSettings;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Optional;

/**
 * RecordHistory, three actions around one job window's step. {@code start}: take the window's lease,
 * mark it RUNNING and return the step to run. {@code succeed}: read the step's run record, record
 * SUCCEEDED and rotate the job to its next window. {@code fail}: record FAILED; the job keeps its window.
 */
public final class RecordHistoryHandler implements TaskHandler {
  private final ConfigStore configs;
  private final HistoryStore history;
  private final TextObjects objects;
  private final StepSettings steps;
  private final Clock clock;
  private final Duration lease;

  public RecordHistoryHandler(ConfigStore configs, HistoryStore history, TextObjects objects, StepSettings steps,
      Clock clock, Duration lease) {
    this.configs = configs;
    this.history = history;
    this.objects = objects;
    this.steps = steps;
    this.clock = clock;
    this.lease = lease;
  }

  @Override
  public JsonNode handle(JsonNode input) throws Exception {
    return switch (Json.text(input, "action")) {
      case "start" -> start(input);
      case "succeed" -> succeed(input.get("runKey"));
      case "fail" -> fail(input.get("runKey"), input.path("error"));
      default -> throw new IllegalArgumentException("unknown action " + input.get("action"));
    };
  }

  private JsonNode start(JsonNode input) {
    JobConfig job = job(Json.text(input, "job"));
    JsonNode windowNode = input.get("window");
    LoadWindow window = new LoadWindow(Instant.parse(Json.text(windowNode, "start")),
        Instant.parse(Json.text(windowNode, "stop")));
    String runId = Json.text(input, "runId") + "-" + job.name() + "-" + window.start().getEpochSecond();
    JobRun run;
    try {
      run = history.start(job.name(), window, runId, clock.instant(), lease);
    } catch (WindowAlreadyRunningException e) {
      throw new WindowBusyException(e.getMessage());
    }
    String clusterId = input.path("clusterId").asText(JobState.NO_CLUSTER);
    configs.setState(job.name(), new JobState(job.state().loadDate(), clusterId, JobStatus.RUNNING));
    ObjectNode out = Json.object();
    out.putObject("runKey").put("job", job.name()).put("runId", run.runId())
        .put("start", window.start().toString()).put("stop", window.stop().toString())
        .put("recordFile", steps.recordFile(runId));
    out.put("stepName", job.name() + " " + window);
    out.set("stepArgs", Json.MAPPER.valueToTree(steps.commandArgs(job, window, runId)));
    return out;
  }

  private JsonNode succeed(JsonNode runKey) throws Exception {
    JobRun run = run(runKey);
    RunRecord record = RunRecordJson.read(objects.read(Json.text(runKey, "recordFile")));
    history.succeed(run, record, clock.instant());
    JobConfig job = job(run.jobName());
    configs.advance(job.name(), run.window(), run.window().next(), new JobState(
        Optional.of(LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC)), job.state().jobFlowId(), JobStatus.SUCCEEDED));
    return Json.object().put("rowsWritten", record.rowsWritten());
  }

  private JsonNode fail(JsonNode runKey, JsonNode error) {
    JobRun run = run(runKey);
    String message = error.path("Error").asText("Error") + ": " + error.path("Cause").asText("");
    history.fail(run, message, clock.instant());
    JobConfig job = job(run.jobName());
    configs.setState(job.name(), new JobState(job.state().loadDate(), job.state().jobFlowId(), JobStatus.FAILED));
    return Json.object().put("recorded", true);
  }

  private JobRun run(JsonNode runKey) {
    String jobName = Json.text(runKey, "job");
    String runId = Json.text(runKey, "runId");
    return history.runs(jobName).stream().filter(r -> r.runId().equals(runId)).findFirst()
        .orElseThrow(() -> new IllegalStateException("no history item for run " + runId + " of job " + jobName));
  }

  private JobConfig job(String name) {
    return configs.get(name).orElseThrow(() -> new TaskFailure("Tributary.UnknownJob", "no job named '" + name + "'"));
  }
}
