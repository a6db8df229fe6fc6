package io.tributary.orchestration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tributary.core.config.JobConfig;
import io.tributary.core.config.JobStatus;
import io.tributary.core.config.JobTableParser;
import io.tributary.core.history.JobRun;
import io.tributary.core.history.RunStatus;
import io.tributary.core.run.DeploymentSettings;
import io.tributary.core.secret.SecretSourceSpec;
import io.tributary.core.testing.HistoryStoreContract;
import io.tributary.core.testing.InMemoryStores;
import io.tributary.core.testing.MutableClock;
import io.tributary.orchestration.emr.StepSettings;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * An execution that fails, times out or is stopped before TerminateCluster: its clusters are terminated, its RUNNING
 * windows recorded FAILED (so the next run may take them), and the team told. EMR is a recording stand-in here.
 */
@Tag("fast")
class OrphanCleanupHandlerTest {
  static final Instant NOW = Instant.parse("2018-11-06T00:00:00Z");
  static final String ARN = "arn:aws:states:eu-west-1:111122223333:execution:tributary:exec-7";

  final InMemoryStores stores = new InMemoryStores();
  final Map<String, List<String>> clustersByRun = new HashMap<>();
  final List<String> terminated = new ArrayList<>();
  final List<String> alerts = new ArrayList<>();
  final MutableClock clock = new MutableClock(NOW);
  RecordHistoryHandler record;
  OrphanCleanupHandler cleanup;

  @BeforeEach
  void setUp() {
    stores.configs().load(JobTableParser.parse("config.txt", HistoryStoreContract.JOB_TABLE));
    record = new RecordHistoryHandler(stores.configs(), stores.history(), uri -> "", (uri, text) -> { },
        new StepSettings("s3://art/jobs.jar", DeploymentSettings.defaults(SecretSourceSpec.parse("ssm")), "s3://data/runs"),
        clock, Duration.ofHours(8));
    cleanup = new OrphanCleanupHandler(stores.configs(), stores.history(), new OrphanCleanupHandler.Clusters() {
      @Override
      public List<String> activeOf(String runId) {
        return clustersByRun.getOrDefault(runId, List.of());
      }

      @Override
      public void terminate(List<String> clusterIds) {
        terminated.addAll(clusterIds);
      }
    }, (subject, message) -> alerts.add(subject + "\n" + message), clock, Duration.ofHours(8));
  }

  /** RecordRunning of the job's window, as execution {@code runId}'s step. */
  void running(String runId) throws Exception {
    JobConfig deposit = stores.configs().get("deposit").orElseThrow();
    ObjectNode input = Json.object().put("action", "start").put("job", "deposit").put("runId", runId)
        .put("clusterId", "j-" + runId);
    input.putObject("window").put("start", deposit.window().start().toString())
        .put("stop", deposit.window().stop().toString());
    record.invoke(input);
  }

  static JsonNode event(String status, String arn) {
    ObjectNode event = Json.object().put("detail-type", "Step Functions Execution Status Change")
        .put("source", "aws.states");
    event.putObject("detail").put("status", status).put("executionArn", arn);
    return event;
  }

  @Test
  void aTimedOutExecutionsClusterIsTerminatedItsWindowFreedAndTheTeamTold() throws Exception {
    running("exec-7");
    clustersByRun.put("exec-7", List.of("j-EXEC7"));
    clustersByRun.put("exec-8", List.of("j-EXEC8"));

    JsonNode out = cleanup.invoke(event("TIMED_OUT", ARN));

    assertEquals(List.of("j-EXEC7"), terminated, "only this run's cluster");
    JobRun run = stores.history().runs("deposit").get(0);
    assertEquals(RunStatus.FAILED, run.status());
    assertTrue(run.error().orElseThrow().contains("ended TIMED_OUT"), run.error().toString());
    assertEquals(JobStatus.FAILED, stores.configs().get("deposit").orElseThrow().state().status());
    assertEquals("[\"deposit " + run.window() + "\"]", out.get("failedRuns").toString());
    assertEquals(1, alerts.size());
    assertTrue(alerts.get(0).contains("j-EXEC7") && alerts.get(0).contains("TIMED_OUT"), alerts.get(0));
    running("exec-9"); // the lease is free: the next execution takes the window
    assertEquals(RunStatus.RUNNING, stores.history().runs("deposit").stream()
        .filter(r -> r.runId().startsWith("exec-9-")).findFirst().orElseThrow().status());
  }

  @Test
  void anotherExecutionsRunningWindowIsLeftAlone() throws Exception {
    running("exec-8");

    cleanup.invoke(event("ABORTED", ARN));

    assertEquals(RunStatus.RUNNING, stores.history().runs("deposit").get(0).status());
    assertEquals(List.of(), terminated);
  }

  @Test
  void aSucceededExecutionIsNotCleanedUp() throws Exception {
    running("exec-7");
    clustersByRun.put("exec-7", List.of("j-EXEC7"));

    JsonNode out = cleanup.invoke(event("SUCCEEDED", ARN));

    assertFalse(out.get("cleaned").asBoolean());
    assertEquals(List.of(), terminated);
    assertEquals(RunStatus.RUNNING, stores.history().runs("deposit").get(0).status());
    assertTrue(alerts.isEmpty());
  }
}
