package io.tributary.orchestration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tributary.core.config.JobTableParser;
import io.tributary.core.run.RunPlanner;
import io.tributary.core.testing.HistoryStoreContract;
import io.tributary.core.testing.InMemoryStores;
import io.tributary.orchestration.emr.ClusterSpec;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** PlanRun's plan and cluster request, and Summarize's counts and message, without AWS or the interpreter. */
@Tag("fast")
class PlanAndSummarizeHandlerTest {
  static final ClusterSpec CLUSTER = new ClusterSpec("tributary", "emr-7.12.0", "s3://logs/", "svc", "profile",
      "subnet-1", Optional.empty(), "m6g.xlarge", "m6g.xlarge", 1, false, List.of(), Map.of(), 2, 3600,
      Map.of("application", "tributary")).withSecurityConfiguration(Optional.of("tributary-encryption"));

  PlanRunHandler planner() {
    InMemoryStores stores = new InMemoryStores();
    stores.configs().load(JobTableParser.parse("config.txt", HistoryStoreContract.JOB_TABLE));
    return new PlanRunHandler(new RunPlanner(stores.configs(),
        Clock.fixed(Instant.parse("2018-11-07T00:00:00Z"), ZoneOffset.UTC), 2), CLUSTER, 3);
  }

  @Test
  void aPlanListsDueWindowsAndTheClusterNamedByTheExecution() {
    ObjectNode input = Json.object().put("executionId", "arn:aws:states:eu-west-1:1:execution:tributary:daily-42");
    input.putObject("input");

    JsonNode plan = planner().handle(input);

    assertEquals("daily-42", plan.get("runId").asText());
    assertEquals(2, plan.get("windowCount").asInt());
    assertEquals(3, plan.get("maxConcurrentJobs").asInt());
    assertEquals("tributary", plan.path("cluster").path("Name").asText().substring(0, 9));
    JsonNode job = plan.get("jobs").get(0);
    assertEquals("deposit", job.get("name").asText());
    assertEquals("2018-11-04T00:00:00Z", job.get("windows").get(0).get("start").asText());
    assertTrue(job.get("windows").get(0).path("backfill").isMissingNode(), "a live window moves the job");
  }

  @Test
  void aBackfillPlanMarksItsWindows() {
    ObjectNode input = Json.object().put("executionId", "backfill-1");
    input.putObject("input").putArray("jobs").add("deposit");
    ((ObjectNode) input.get("input")).putObject("backfill").put("from", "2018-11-01 00:00:00")
        .put("to", "2018-11-03 00:00:00");

    JsonNode plan = planner().handle(input);

    JsonNode windows = plan.get("jobs").get(0).get("windows");
    assertEquals(2, windows.size());
    assertTrue(windows.get(0).get("backfill").asBoolean());
  }

  @Test
  void theSummaryCountsFailuresBrokenLoopsAndAClusterLeftRunning() {
    ObjectNode input = Json.object();
    ObjectNode run = input.putObject("run");
    run.putObject("plan").put("runId", "daily-42");
    run.putObject("cluster").put("ClusterId", "j-1");
    var results = run.putArray("results");
    results.addObject().put("job", "deposit").put("status", "SUCCEEDED").put("windowsDone", 2);
    results.addObject().put("job", "loan").put("status", "FAILED").put("windowsDone", 0)
        .putObject("error").put("Error", "States.TaskFailed").put("Cause", "Step failed");
    run.putObject("terminateError").put("Error", "States.Timeout");

    JsonNode summary = new SummarizeHandler().handle(input);

    assertEquals(2, summary.get("failed").asInt());
    assertEquals("Tributary run FAILED: 2 failures", summary.get("subject").asText());
    String message = summary.get("message").asText();
    assertTrue(message.contains("deposit: SUCCEEDED, 2 windows loaded"), message);
    assertTrue(message.contains("loan: FAILED, 0 windows loaded; States.TaskFailed: Step failed"), message);
    assertTrue(message.contains("CLUSTER NOT TERMINATED: States.Timeout"), message);
  }

  @Test
  void aRunWhoseDueWindowsOtherRunsHeldDoesNotSucceedAndSaysWhoHoldsThem() {
    ObjectNode input = Json.object();
    ObjectNode run = input.putObject("run");
    run.putObject("plan").put("runId", "daily-43");
    run.putObject("cluster").put("ClusterId", "j-2");
    run.putArray("results").addObject().put("job", "deposit").put("status", "SKIPPED_BUSY").put("windowsDone", 0)
        .putObject("error").put("Error", "io.tributary.orchestration.WindowBusyException")
        .put("Cause", "job 'deposit' window [2018-11-04 00:00:00, 2018-11-05 00:00:00) is already RUNNING in run"
            + " daily-42-deposit-1541289600 (its lease runs until 2018-11-06T06:00:00Z)");

    JsonNode summary = new SummarizeHandler().handle(input);

    assertEquals(1, summary.get("failed").asInt(), "the state machine ends the execution as failed");
    assertEquals("Tributary run did not run the due windows of 1 job: held by other runs",
        summary.get("subject").asText());
    assertTrue(summary.get("message").asText().contains("not run: io.tributary.orchestration.WindowBusyException:"
        + " job 'deposit' window [2018-11-04 00:00:00, 2018-11-05 00:00:00) is already RUNNING in run"
        + " daily-42-deposit-1541289600 (its lease runs until 2018-11-06T06:00:00Z)"), summary.get("message").asText());
  }
}
