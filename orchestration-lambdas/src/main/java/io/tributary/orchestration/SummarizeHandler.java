package io.tributary.orchestration;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Summarize: one line per job of the run, and the count of failures: failed jobs, jobs whose due windows
 * another run held (each says which run and until when), a job loop that broke off, and a cluster that could
 * not be terminated (it costs money until someone looks).
 */
public final class SummarizeHandler implements TaskHandler {

  @Override
  public JsonNode handle(JsonNode input) {
    JsonNode run = input.path("run");
    StringBuilder message = new StringBuilder();
    int failed = 0;
    int held = 0;
    int waiting = 0;
    int windows = 0;
    message.append("Tributary run ").append(run.path("plan").path("runId").asText("?"))
        .append(" on cluster ").append(run.path("cluster").path("ClusterId").asText("-")).append('\n');
    for (JsonNode result : run.path("results")) {
      String status = result.path("status").asText("UNKNOWN");
      windows += result.path("windowsDone").asInt(0);
      message.append("  ").append(result.path("job").asText("?")).append(": ").append(status)
          .append(", ").append(result.path("windowsDone").asInt(0)).append(" windows loaded");
      if (status.equals("FAILED")) {
        failed++;
        message.append("; ").append(errorText(result.path("error")));
      } else if (status.equals("WAITING")) {
        waiting++;
        message.append("; its window waits for the source: ").append(result.path("error").path("Cause").asText(""));
      } else if (status.equals("SKIPPED_BUSY")) {
        held++;
        message.append("; not run: ").append(errorText(result.path("error")));
      }
      message.append('\n');
    }
    if (run.has("error")) {
      failed++;
      message.append("  the job loop broke off: ").append(errorText(run.get("error"))).append('\n');
    }
    if (run.has("terminateError")) {
      failed++;
      message.append("  CLUSTER NOT TERMINATED: ").append(errorText(run.get("terminateError"))).append('\n');
    }
    ObjectNode out = Json.object();
    // Due windows another run held were not run: the run did not do its work, so it does not succeed.
    out.put("failed", failed + held);
    out.put("subject", failed > 0 ? "Tributary run FAILED: " + failed + (failed == 1 ? " failure" : " failures")
        : held > 0 ? "Tributary run did not run the due windows of " + held + (held == 1 ? " job" : " jobs")
            + ": held by other runs"
        : "Tributary run succeeded: " + windows + " windows"
            + (waiting > 0 ? ", " + waiting + (waiting == 1 ? " job" : " jobs") + " waiting for its source" : ""));
    out.put("message", message.toString());
    return out;
  }

  private static String errorText(JsonNode error) {
    String cause = error.path("Cause").asText("");
    return error.path("Error").asText("error") + (cause.isEmpty() ? "" : ": " + cause);
  }
}
