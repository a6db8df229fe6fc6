package io.tributary.orchestration;

import io.tributary.core.history.TextObjectWriter;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tributary.core.config.JobConfig;
import io.tributary.core.config.JobState;
import io.tributary.core.history.ConfigStore;
import io.tributary.core.history.HistoryStore;
import io.tributary.core.history.JobRun;
import io.tributary.core.history.RunRecord;
import io.tributary.core.history.RunRecordJson;
import io.tributary.core.history.TextObjects;
import io.tributary.core.history.WindowAlreadyRunningException;
import io.tributary.core.run.WindowBookkeeping;
import io.tributary.core.window.LoadWindow;
import io.tributary.orchestration.emr.StepSettings;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * RecordHistory, three actions around one job window's step. {@code start}: take the window's lease,
 * mark it RUNNING and return the step to run (handed the job's earlier windows where its kind asks for them).
 * {@code succeed}: read the step's run record, record SUCCEEDED and rotate the job to its next window, and record
 * each earlier window the step repaired; or, when the step reports that its window waits for the source, record
 * WAITING and raise {@link WindowWaitingException}, which ends the job's run with its window kept. {@code fail}: record FAILED; the job keeps its window.
 * A back-fill or live-fill window ({@code "backfill": true}; a live-fill's {@code "liveFill": true}, its changed
 * objects read from the execution input it is handed, see {@link LiveFillInput}) is recorded the same way but
 * never moves the job's window or state. {@code fail} records the whole error and returns it cut to
 * {@link #SHORT_CAUSE_CHARS}: an EMR step's failure carries the whole step description, and the state machine
 * keeps each job's error in its state, which Step Functions caps at 256 KB.
 */
public final class RecordHistoryHandler implements TaskHandler {
  /** How much of a failed step's cause the state machine's state keeps (history keeps it all). */
  public static final int SHORT_CAUSE_CHARS = 300;

  private final ConfigStore configs;
  private final HistoryStore history;
  private final WindowBookkeeping bookkeeping;
  private final TextObjects objects;
  private final TextObjectWriter documents;
  private final StepSettings steps;

  /**
   * Over {@code objects} (where run records are read) and {@code documents} (where a step document too long for
   * the step's arguments is written).
   */
  public RecordHistoryHandler(ConfigStore configs, HistoryStore history, TextObjects objects,
      TextObjectWriter documents, StepSettings steps, Clock clock, Duration lease) {
    this.configs = configs;
    this.history = history;
    this.bookkeeping = new WindowBookkeeping(history, clock, lease);
    this.objects = objects;
    this.documents = documents;
    this.steps = steps;
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

  private JsonNode start(JsonNode input) throws IOException {
    JobConfig job = configs.get(Json.text(input, "job")).orElseThrow(() ->
        new IllegalArgumentException("no job named '" + Json.text(input, "job") + "' in the job table"));
    JsonNode windowNode = input.get("window");
    LoadWindow window = new LoadWindow(Instant.parse(Json.text(windowNode, "start")),
        Instant.parse(Json.text(windowNode, "stop")));
    List<String> changed = windowNode.path(LiveFillInput.FIELD).asBoolean(false)
        ? LiveFillInput.changedOf(input.path("executionInput"), job.name()) : List.of();
    // A back-fill re-runs past windows and a live-fill converts changed objects: neither moves the job.
    WindowBookkeeping.Mode mode = windowNode.path("backfill").asBoolean(false) || !changed.isEmpty()
        ? WindowBookkeeping.Mode.BACKFILL : WindowBookkeeping.Mode.LIVE;
    String runId = Json.text(input, "runId") + "-" + job.name() + "-" + window.start().getEpochSecond();
    JobRun run;
    try {
      run = bookkeeping.start(job, window, runId, input.path("clusterId").asText(JobState.NO_CLUSTER), mode);
    } catch (WindowAlreadyRunningException e) {
      throw new WindowBusyException(e.getMessage());
    }
    ObjectNode out = Json.object();
    out.putObject("runKey").put("job", job.name()).put("runId", run.runId())
        .put("start", window.start().toString()).put("stop", window.stop().toString())
        .put("startedAt", run.startedAt().toString()).put("recordFile", steps.recordFile(runId))
        .put("mode", mode.name());
    out.put("stepName", job.name() + " " + window + (changed.isEmpty() ? "" : " live-fill"));
    boolean handedEarlier = job.kind().definition().earlierWindowsForStep(job) > 0;
    StepSettings.EmrStep step = steps.emrStep(steps.step(job, window, runId, changed,
        handedEarlier ? history.runs(job.name()) : List.of()));
    if (step.staged().isPresent()) {
      documents.write(step.staged().get().uri(), step.staged().get().json());
    }
    out.set("stepArgs", Json.MAPPER.valueToTree(step.args()));
    return out;
  }

  private JsonNode succeed(JsonNode runKey) throws Exception {
    String report = objects.read(Json.text(runKey, "recordFile"));
    Optional<String> waiting = RunRecordJson.waiting(report);
    if (waiting.isPresent()) {
      bookkeeping.waiting(run(runKey), waiting.get(), mode(runKey));
      throw new WindowWaitingException(shortCause(waiting.get()));
    }
    RunRecord record = RunRecordJson.read(report);
    bookkeeping.succeed(run(runKey), record, mode(runKey));
    return Json.object().put("rowsWritten", record.rowsWritten());
  }

  private JsonNode fail(JsonNode runKey, JsonNode error) {
    String name = error.path("Error").asText("Error");
    String cause = error.path("Cause").asText("");
    bookkeeping.fail(run(runKey), name + ": " + cause, mode(runKey));
    ObjectNode out = Json.object();
    out.putObject("error").put("Error", name).put("Cause", shortCause(cause));
    return out;
  }

  /** At most {@link #SHORT_CAUSE_CHARS} characters of {@code cause}, marked where cut. */
  static String shortCause(String cause) {
    return cause.length() <= SHORT_CAUSE_CHARS ? cause
        : cause.substring(0, SHORT_CAUSE_CHARS - 1) + "\u2026";
  }

  private static WindowBookkeeping.Mode mode(JsonNode runKey) {
    return WindowBookkeeping.Mode.valueOf(runKey.path("mode").asText(WindowBookkeeping.Mode.LIVE.name()));
  }

  /** The RUNNING run a run key names: everything its history item is keyed on travels in the key. */
  private static JobRun run(JsonNode runKey) {
    return JobRun.started(Json.text(runKey, "job"),
        new LoadWindow(Instant.parse(Json.text(runKey, "start")), Instant.parse(Json.text(runKey, "stop"))),
        Json.text(runKey, "runId"), Instant.parse(Json.text(runKey, "startedAt")));
  }
}
