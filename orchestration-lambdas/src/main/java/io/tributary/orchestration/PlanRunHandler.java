package io.tributary.orchestration;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tributary.core.run.RunPlan;
import io.tributary.core.run.RunPlanner;
import io.tributary.core.window.LoadWindow;
import io.tributary.core.window.WindowTime;
import io.tributary.orchestration.emr.ClusterRequestBuilder;
import io.tributary.orchestration.emr.ClusterSpec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * PlanRun: which jobs and windows are due, the cluster to create, and how many jobs may run at once.
 * Input {@code {"input": {"jobs": ["deposit", ...]}?, "executionId": "..."}}, or for a live-fill
 * {@code {"input": {"liveFill": {"<convert job>": ["s3://bucket/key", ...]}}, ...}}: each job then has one
 * window (the days of its objects) that carries the objects as {@code changed}; or for a back-fill
 * {@code {"input": {"jobs": [...], "backfill": {"from": "2020-01-01 00:00:00", "to": "..."}}}}; or for a
 * triggered batch {@code {"input": {"triggered": ["<job>", ...]}}} (each job runs once now, see
 * {@link RunPlanner#planTriggered}). Windows of all three carry {@code "backfill": true}:
 * they run without moving the job's window.
 */
public final class PlanRunHandler implements TaskHandler {
  private final RunPlanner planner;
  private final ClusterSpec cluster;
  private final int maxConcurrentJobs;

  public PlanRunHandler(RunPlanner planner, ClusterSpec cluster, int maxConcurrentJobs) {
    this.planner = planner;
    this.cluster = cluster;
    this.maxConcurrentJobs = maxConcurrentJobs;
  }

  @Override
  public JsonNode handle(JsonNode input) {
    Set<String> only = new LinkedHashSet<>();
    input.path("input").path("jobs").forEach(name -> only.add(name.asText()));
    String runId = runId(input.path("executionId").asText(""));
    JsonNode liveFill = input.path("input").path(LiveFillInput.FIELD);
    JsonNode backfill = input.path("input").path("backfill");
    JsonNode triggered = input.path("input").path("triggered");
    RunPlan plan;
    if (triggered.isArray()) {
      Set<String> names = new LinkedHashSet<>();
      triggered.forEach(name -> names.add(name.asText()));
      plan = planner.planTriggered(runId, names);
    } else if (liveFill.isObject()) {
      plan = planner.planLiveFill(runId, LiveFillInput.changedByJob(liveFill));
    } else if (backfill.isObject()) {
      plan = planner.planBackfill(runId, only, WindowTime.parse(Json.text(backfill, "from")),
          WindowTime.parse(Json.text(backfill, "to")));
    } else {
      plan = planner.plan(runId, only);
    }
    ObjectNode out = Json.object();
    out.put("runId", runId);
    out.put("windowCount", plan.windowCount());
    out.put("maxConcurrentJobs", maxConcurrentJobs);
    out.set("cluster", ClusterRequestBuilder.build(cluster, runId));
    ArrayNode jobs = out.putArray("jobs");
    for (RunPlan.PlannedJob job : plan.jobs()) {
      ObjectNode item = jobs.addObject().put("name", job.name()).put("windowCount", job.windows().size());
      ArrayNode windows = item.putArray("windows");
      for (LoadWindow window : job.windows()) {
        ObjectNode entry = windows.addObject().put("start", window.start().toString()).put("stop", window.stop().toString());
        if (job.keepsJobWindow()) {
          entry.put("backfill", true);
        }
        if (job.liveFill()) {
          // The objects stay in the execution input (see LiveFillInput): only their count travels in the state.
          entry.put(LiveFillInput.FIELD, true).put("changedCount", job.changedObjects().size());
        }
      }
    }
    return out;
  }

  /** The execution's name (the last part of its ARN), usable in paths and tags. */
  static String runId(String executionId) {
    String name = executionId.substring(executionId.lastIndexOf(':') + 1);
    String safe = name.replaceAll("[^A-Za-z0-9_.-]", "-");
    return safe.isEmpty() ? "run-" + UUID.randomUUID() : safe;
  }
}
