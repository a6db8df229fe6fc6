package io.tributary.orchestration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import io.tributary.core.secret.SecretSourceSpec;
import io.tributary.core.run.StepDocument;
import io.tributary.core.run.DeploymentSettings;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tributary.core.config.JobConfig;
import io.tributary.core.config.JobStatus;
import io.tributary.core.config.JobTableParser;
import io.tributary.core.history.JobRun;
import io.tributary.core.history.RunRecord;
import io.tributary.core.history.WindowRepair;
import io.tributary.core.history.LoadedWindow;
import io.tributary.core.history.RunRecordJson;
import io.tributary.core.history.RunStatus;
import io.tributary.core.testing.HistoryStoreContract;
import io.tributary.core.testing.InMemoryStores;
import io.tributary.core.testing.MutableClock;
import io.tributary.core.testing.StoreFaults;
import io.tributary.core.window.LoadWindow;
import io.tributary.orchestration.emr.StepSettings;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiConsumer;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The state machine's RecordRunning, CompleteWindow and RecordFailed tasks over in-memory stores: a fault at
 * any write, retried as the state machine's Retry does, records the window once and rotates the job once.
 */
@Tag("fast")
class RecordHistoryHandlerTest {
  static final Instant NOW = Instant.parse("2018-11-06T00:00:00Z");

  InMemoryStores stores;
  Map<String, String> recordFiles;
  RecordHistoryHandler handler;
  JobConfig deposit;

  void setUp() {
    stores = new InMemoryStores();
    stores.configs().load(JobTableParser.parse("config.txt", HistoryStoreContract.JOB_TABLE));
    deposit = stores.configs().get("deposit").orElseThrow();
    recordFiles = new HashMap<>();
    handler = new RecordHistoryHandler(stores.configs(), stores.history(), uri -> {
      if (!recordFiles.containsKey(uri)) {
        throw new IOException("no record " + uri);
      }
      return recordFiles.get(uri);
    }, recordFiles::put, new StepSettings("s3://art/jobs.jar", DeploymentSettings.defaults(SecretSourceSpec.parse("ssm")),
        "s3://data/runs"), new MutableClock(NOW),
        Duration.ofHours(6));
  }

  ObjectNode startInput() {
    ObjectNode input = Json.object().put("action", "start").put("job", "deposit").put("runId", "exec-1")
        .put("clusterId", "j-CLUSTER");
    input.putObject("window").put("start", deposit.window().start().toString())
        .put("stop", deposit.window().stop().toString());
    return input;
  }

  /** The step ran: its record is where the run key says. */
  void stepWrote(JsonNode runKey) {
    recordFiles.put(runKey.get("recordFile").asText(), RunRecordJson.write("deposit", deposit.window(),
        runKey.get("runId").asText(), new RunRecord(7, 7, 700, Optional.empty(), Optional.empty(),
            Duration.ofSeconds(3), "s3://lake/RAW/x")));
  }

  /** Invokes as a Task state with a Retry: an injected fault is retried once. */
  JsonNode withRetry(JsonNode input) throws Exception {
    try {
      return handler.invoke(input);
    } catch (StoreFaults.InjectedFault fault) {
      return handler.invoke(input);
    }
  }

  @Test
  void startReturnsTheKindsStepAndMarksTheJobRunning() throws Exception {
    setUp();
    JsonNode out = handler.invoke(startInput());

    assertEquals("deposit " + deposit.window(), out.get("stepName").asText());
    List<String> args = Json.MAPPER.convertValue(out.get("stepArgs"), List.class);
    assertEquals(List.of("spark-submit", "--deploy-mode", "cluster", "--class", "io.tributary.spark.JdbcIngestMain",
        "s3://art/jobs.jar"), args.subList(0, 6));
    StepDocument step = StepDocument.fromArgs(args.subList(6, args.size()).toArray(String[]::new));
    assertEquals("exec-1-deposit-" + deposit.window().start().getEpochSecond(), step.runId());
    assertEquals(Optional.of("s3://data/runs/exec-1-deposit-" + deposit.window().start().getEpochSecond() + ".json"),
        step.recordFile());
    assertEquals(JobStatus.RUNNING, stores.configs().get("deposit").orElseThrow().state().status());
    assertEquals("j-CLUSTER", stores.configs().get("deposit").orElseThrow().state().jobFlowId());
  }

  @Test
  void aFaultAtAnyWriteRetriedByTheStateMachineLoadsTheWindowOnce() throws Exception {
    for (int write = 1; write <= 2; write++) {
      for (String fault : List.of("refused", "response lost")) {
        setUp();
        BiConsumer<StoreFaults, Integer> inject = fault.equals("refused") ? StoreFaults::refuse : StoreFaults::loseResponse;
        inject.accept(stores.faults(), stores.faults().writes() + write);

        JsonNode runKey = withRetry(startInput()).get("runKey");
        stepWrote(runKey);
        JsonNode done = withRetry(Json.object().put("action", "succeed").set("runKey", runKey));

        assertEquals(7, done.get("rowsWritten").asInt(), write + " " + fault);
        JobConfig job = stores.configs().get("deposit").orElseThrow();
        assertEquals(deposit.window().next(), job.window(), write + " " + fault + ": rotated once");
        assertEquals(JobStatus.SUCCEEDED, job.state().status());
        List<JobRun> runs = stores.history().runs("deposit");
        assertEquals(1, runs.size(), write + " " + fault + ": " + runs);
        assertEquals(RunStatus.SUCCEEDED, runs.get(0).status());
      }
    }
  }

  @Test
  void aRetriedCompletionAfterALostResponseAdvancesTheWindowOnce() throws Exception {
    setUp();
    JsonNode runKey = handler.invoke(startInput()).get("runKey");
    stepWrote(runKey);
    ObjectNode complete = Json.object().put("action", "succeed").set("runKey", runKey);
    stores.faults().loseResponse(stores.faults().writes() + 1);

    assertThrows(StoreFaults.InjectedFault.class, () -> handler.invoke(complete));
    handler.invoke(complete);

    assertEquals(deposit.window().next(), stores.configs().get("deposit").orElseThrow().window());
  }

  @Test
  void aStepThatReportsItsWindowWaitingIsRecordedSoAndEndsTheJobKeepingItsWindow() throws Exception {
    setUp();
    JsonNode runKey = handler.invoke(startInput()).get("runKey");
    recordFiles.put(runKey.get("recordFile").asText(), RunRecordJson.writeWaiting("deposit", deposit.window(),
        runKey.get("runId").asText(), "1 transaction(s) begun before the window's stop still open: backend 42"));

    WindowWaitingException waiting = assertThrows(WindowWaitingException.class,
        () -> handler.invoke(Json.object().put("action", "succeed").set("runKey", runKey)));
    assertTrue(waiting.getMessage().contains("backend 42"));
    assertEquals(RunStatus.WAITING, stores.history().runs("deposit").get(0).status());
    assertEquals(JobStatus.WAITING, stores.configs().get("deposit").orElseThrow().state().status());
    assertEquals(deposit.window(), stores.configs().get("deposit").orElseThrow().window());
    handler.invoke(startInput()); // the window is free for the next run
  }

  @Test
  void theNextStepIsHandedTheWindowsBeforeItAndItsRepairsAreRecorded() throws Exception {
    setUp();
    JsonNode first = handler.invoke(startInput()).get("runKey");
    stepWrote(first);
    handler.invoke(Json.object().put("action", "succeed").set("runKey", first));

    ObjectNode next = startInput();
    next.putObject("window").put("start", deposit.window().next().start().toString())
        .put("stop", deposit.window().next().stop().toString());
    JsonNode out = handler.invoke(next);
    List<String> args = Json.MAPPER.convertValue(out.get("stepArgs"), List.class);
    StepDocument step = StepDocument.fromArgs(args.subList(6, args.size()).toArray(String[]::new));
    assertEquals(List.of(deposit.window()), step.earlier().stream().map(LoadedWindow::window).toList());
    assertEquals(7, step.earlier().get(0).rows());

    RunRecord repair = new RunRecord(9, 9, 900, Optional.empty(), Optional.empty(), Duration.ofSeconds(1), "x")
        .asRepairOf(7);
    JsonNode runKey = out.get("runKey");
    recordFiles.put(runKey.get("recordFile").asText(), RunRecordJson.write("deposit", deposit.window().next(),
        runKey.get("runId").asText(), new RunRecord(5, 5, 500, Optional.empty(), Optional.empty(),
            Duration.ofSeconds(2), "y").withRepairs(List.of(new WindowRepair(deposit.window(), "r-repair", 7,
                repair)))));
    handler.invoke(Json.object().put("action", "succeed").set("runKey", runKey));
    JobRun recorded = stores.history().runs("deposit").stream().filter(r -> r.runId().equals("r-repair"))
        .findFirst().orElseThrow();
    assertEquals(deposit.window(), recorded.window());
    assertEquals(Optional.of(7L), recorded.result().orElseThrow().rowsBeforeRepair());
    assertEquals(9, recorded.result().orElseThrow().rowsRead());
  }

  @Test
  void aFailedStepKeepsTheWindowAndFreesIt() throws Exception {
    setUp();
    JsonNode runKey = handler.invoke(startInput()).get("runKey");
    ObjectNode fail = Json.object().put("action", "fail").set("runKey", runKey);
    fail.putObject("error").put("Error", "States.TaskFailed").put("Cause", "Step failed: boom");

    withRetry(fail);

    JobRun run = stores.history().runs("deposit").get(0);
    assertEquals(RunStatus.FAILED, run.status());
    assertEquals(Optional.of("States.TaskFailed: Step failed: boom"), run.error());
    assertEquals(deposit.window(), stores.configs().get("deposit").orElseThrow().window());
    assertEquals(JobStatus.FAILED, stores.configs().get("deposit").orElseThrow().state().status());
    ObjectNode again = startInput().put("runId", "exec-2");
    handler.invoke(again); // a failed window is free for the next execution
  }

  @Test
  void aFailedStepsWholeCauseIsRecordedAndOnlyItsStartReturnedToTheState() throws Exception {
    setUp();
    JsonNode runKey = handler.invoke(startInput()).get("runKey");
    String cause = "{\"Step\":{\"Status\":{\"FailureDetails\":{\"Message\":\"" + "x".repeat(20_000) + "\"}}}}";
    ObjectNode fail = Json.object().put("action", "fail").set("runKey", runKey);
    fail.putObject("error").put("Error", "States.TaskFailed").put("Cause", cause);

    JsonNode out = handler.invoke(fail);

    assertEquals("States.TaskFailed: " + cause, stores.history().runs("deposit").get(0).error().orElseThrow());
    assertEquals("States.TaskFailed", out.path("error").path("Error").asText());
    String kept = out.path("error").path("Cause").asText();
    assertEquals(RecordHistoryHandler.SHORT_CAUSE_CHARS, kept.length());
    assertTrue(cause.startsWith(kept.substring(0, kept.length() - 1)) && kept.endsWith("\u2026"), kept);
  }

  @Test
  void aWindowHeldByAnotherExecutionIsReportedAsBusyByName() throws Exception {
    setUp();
    handler.invoke(startInput());

    Exception busy = assertThrows(Exception.class, () -> handler.invoke(startInput().put("runId", "exec-2")));

    assertTrue(StateMachineErrors.RAISED.contains(busy.getClass().getName()));
    assertTrue(busy.getMessage().contains("exec-1"), busy.getMessage());
  }

  @Test
  void anUnknownJobIsRefusedByName() {
    setUp();
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> handler.invoke(startInput().put("job", "nope")));
    assertTrue(e.getMessage().contains("no job named 'nope'"));
  }

  @Test
  void aBackfillWindowIsRecordedWithoutMovingTheJob() throws Exception {
    setUp();
    ObjectNode input = startInput().put("runId", "backfill-1");
    ((ObjectNode) input.get("window")).put("backfill", true);
    JsonNode runKey = handler.invoke(input).get("runKey");
    stepWrote(runKey);

    handler.invoke(Json.object().put("action", "succeed").set("runKey", runKey));

    assertEquals(deposit, stores.configs().get("deposit").orElseThrow());
    assertEquals(RunStatus.SUCCEEDED, stores.history().runs("deposit").get(0).status());
    LoadWindow recorded = stores.history().runs("deposit").get(0).window();
    assertEquals(deposit.window(), recorded);
  }

  @Test
  void aLiveFillOfManyObjectsPassesItsDocumentByAnObjectWithinEmrsLimitOnStepArguments() throws Exception {
    setUp();
    stores.configs().load(JobTableParser.parse("config.txt", HistoryStoreContract.JOB_TABLE.lines().findFirst()
        .orElseThrow() + " | options\nprices|-|2020-01-01 00:00:00|2020-01-02 00:00:00|-|PENDING|s3://out/parquet|convert|-|-|-|-"
        + "|-|-|-|source=s3://feeds/gz;format=parquet;compression=zst;layout=athena;partition_size=day;live=true\n"));
    ObjectNode input = Json.object().put("action", "start").put("job", "prices").put("runId", "exec-9")
        .put("clusterId", "j-CLUSTER");
    ObjectNode window = input.putObject("window").put("start", "2020-01-01T00:00:00Z").put("stop", "2020-01-02T00:00:00Z");
    List<String> objects = new ArrayList<>();
    for (int i = 0; i < 500; i++) {
      objects.add("s3://feeds/gz/caiso/prices/year=2020/" + (1577836800 + i) + ".csv.gz");
    }
    window.put("liveFill", true);
    objects.forEach(input.putObject("executionInput").putObject("liveFill").putArray("prices")::add);

    JsonNode out = handler.invoke(input);

    List<String> args = Json.MAPPER.convertValue(out.get("stepArgs"), List.class);
    assertTrue(args.stream().mapToInt(String::length).sum() <= StepSettings.MAX_ARGS_CHARS, "within EMR's limit");
    assertEquals(List.of("--step-file", "s3://data/runs/exec-9-prices-1577836800.step.json"), args.subList(6, 8));
    StepDocument step = StepDocument.fromArgs(args.subList(6, 8).toArray(String[]::new), recordFiles::get);
    assertEquals(objects, step.changedObjects(), "every object reaches the step");
    assertEquals("prices", step.job().name());
  }
}
