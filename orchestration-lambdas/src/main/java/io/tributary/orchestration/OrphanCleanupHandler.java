package io.tributary.orchestration;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tributary.core.config.JobConfig;
import io.tributary.core.history.ConfigStore;
import io.tributary.core.history.HistoryStore;
import io.tributary.core.history.JobRun;
import io.tributary.core.history.RunStatus;
import io.tributary.core.run.WindowBookkeeping;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Cleans up after an execution that ended without reaching TerminateCluster: failed outright (a States.Runtime or
 * States.DataLimitExceeded, which no Catch handles), timed out or stopped. EventBridge sends its "Step Functions
 * Execution Status Change" event; this handler terminates the clusters created for that run (tagged with its run id),
 * records each of its still RUNNING windows FAILED, which frees their leases, and notifies.
 * https://docs.aws.amazon.com/step-functions/latest/dg/cw-events.html
 */
public final class OrphanCleanupHandler implements TaskHandler {
  /** The statuses of an execution that may have left a cluster running. */
  public static final Set<String> ABNORMAL = Set.of("FAILED", "TIMED_OUT", "ABORTED");

  /** The clusters of a run. */
  public interface Clusters {
    /** The ids of the clusters created for run {@code runId} that are not yet terminated. */
    List<String> activeOf(String runId);

    void terminate(List<String> clusterIds);
  }

  private final ConfigStore configs;
  private final HistoryStore history;
  private final WindowBookkeeping bookkeeping;
  private final Clusters clusters;
  private final ConfigSyncHandler.Alerts alerts;

  public OrphanCleanupHandler(ConfigStore configs, HistoryStore history, Clusters clusters,
      ConfigSyncHandler.Alerts alerts, Clock clock, Duration lease) {
    this.configs = configs;
    this.history = history;
    this.bookkeeping = new WindowBookkeeping(history, clock, lease);
    this.clusters = clusters;
    this.alerts = alerts;
  }

  @Override
  public JsonNode handle(JsonNode event) {
    JsonNode detail = event.path("detail");
    String status = Json.text(detail, "status");
    String executionArn = Json.text(detail, "executionArn");
    ObjectNode out = Json.object().put("status", status);
    if (!ABNORMAL.contains(status)) {
      return out.put("cleaned", false);
    }
    String runId = PlanRunHandler.runId(executionArn);
    List<String> active = clusters.activeOf(runId);
    if (!active.isEmpty()) {
      clusters.terminate(active);
    }
    List<String> failed = new ArrayList<>();
    String error = "Tributary.ExecutionEnded: execution " + executionArn + " ended " + status
        + " before this window's step was recorded";
    for (JobConfig job : configs.all()) {
      for (JobRun run : history.runs(job.name())) {
        if (run.status() == RunStatus.RUNNING && run.runId().startsWith(runId + "-")) {
          // A window other than the job's own is a back-fill's or live-fill's: it never moves the job.
          WindowBookkeeping.Mode mode = run.window().equals(job.window())
              ? WindowBookkeeping.Mode.LIVE : WindowBookkeeping.Mode.BACKFILL;
          bookkeeping.fail(run, error, mode);
          failed.add(job.name() + " " + run.window());
        }
      }
    }
    out.put("runId", runId).put("cleaned", true);
    ArrayNode terminated = out.putArray("terminatedClusters");
    active.forEach(terminated::add);
    ArrayNode runs = out.putArray("failedRuns");
    failed.forEach(runs::add);
    alerts.publish("Tributary run " + runId + " " + status + ": cleaned up", "Execution " + executionArn + " ended "
        + status + " without reaching TerminateCluster.\n  clusters terminated: " + (active.isEmpty() ? "none" : active)
        + "\n  windows recorded FAILED (their leases freed): " + (failed.isEmpty() ? "none" : failed) + "\n");
    return out;
  }
}
