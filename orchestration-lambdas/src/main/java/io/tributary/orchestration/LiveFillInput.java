package io.tributary.orchestration;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A live-fill execution's input, {@code {"liveFill": {"<convert job>": ["s3://bucket/key", ...]}}}: the changed
 * objects of each job. Only the execution input holds them. The plan says which windows are live-fills, and
 * RecordRunning reads the objects from the execution input it is handed ({@code $$.Execution.Input}), so the state
 * stays the same size however many objects land (Step Functions caps a state at 256 KB, and no Catch handles
 * going over it).
 */
public final class LiveFillInput {
  /** The execution input's field holding the changed objects by job. */
  public static final String FIELD = "liveFill";

  private LiveFillInput() {}

  /** The changed objects by job of {@code liveFill} (the value of {@link #FIELD}), in their order. */
  public static Map<String, List<String>> changedByJob(JsonNode liveFill) {
    if (!liveFill.isObject()) {
      throw new IllegalArgumentException("a live-fill's input is {\"liveFill\": {\"<job>\": [\"s3://...\", ...]}}, not "
          + liveFill);
    }
    Map<String, List<String>> changed = new LinkedHashMap<>();
    liveFill.fields().forEachRemaining(entry -> {
      List<String> objects = new ArrayList<>();
      entry.getValue().forEach(uri -> objects.add(uri.asText()));
      changed.put(entry.getKey(), objects);
    });
    return changed;
  }

  /** The changed objects of {@code job} in an execution's {@code input}; a live-fill names at least one. */
  public static List<String> changedOf(JsonNode executionInput, String job) {
    List<String> objects = changedByJob(executionInput.path(FIELD)).get(job);
    if (objects == null || objects.isEmpty()) {
      throw new IllegalArgumentException("the live-fill execution's input names no changed objects of job '" + job + "'");
    }
    return objects;
  }
}
