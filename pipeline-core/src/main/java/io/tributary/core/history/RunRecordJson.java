package io.tributary.core.history;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tributary.core.window.LoadWindow;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A step's report as one JSON object: how a Spark step reports its run record (or that its window waits for the
 * source, {@code "waiting": reason}) and how the orchestration reads it back.
 */
public final class RunRecordJson {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private RunRecordJson() {}

  public static String write(String jobName, LoadWindow window, String runId, RunRecord record) {
    ObjectNode root = header(jobName, window, runId);
    fields(root, record);
    if (!record.repairs().isEmpty()) {
      record.repairs().forEach(repair -> {
        ObjectNode item = root.withArray("repairs").addObject()
            .put("window_start", repair.window().start().toString())
            .put("window_stop", repair.window().stop().toString())
            .put("run_id", repair.runId());
        fields(item, repair.after());
      });
    }
    return text(root);
  }

  /** The report of a run that loaded nothing because its window's source could still change, as {@code reason} says. */
  public static String writeWaiting(String jobName, LoadWindow window, String runId, String reason) {
    return text(header(jobName, window, runId).put("waiting", reason));
  }

  /** The reason a report says its window waits, if it says so. */
  public static Optional<String> waiting(String json) {
    JsonNode node = tree(json).get("waiting");
    return node == null || node.isNull() ? Optional.empty() : Optional.of(node.asText());
  }

  /** Reads a record written by {@link #write}; throws IllegalArgumentException naming what is missing. */
  public static RunRecord read(String json) {
    JsonNode node = tree(json);
    List<WindowRepair> repairs = new ArrayList<>();
    for (JsonNode repair : node.path("repairs")) {
      repairs.add(new WindowRepair(new LoadWindow(Instant.parse(repair.path("window_start").asText()),
          Instant.parse(repair.path("window_stop").asText())), repair.path("run_id").asText(),
          number(repair, "rows_before_repair"), record(repair)));
    }
    return record(node).withRepairs(repairs);
  }

  private static ObjectNode header(String jobName, LoadWindow window, String runId) {
    return MAPPER.createObjectNode().put("job_name", jobName).put("run_id", runId)
        .put("window_start", window.start().toString()).put("window_stop", window.stop().toString());
  }

  private static void fields(ObjectNode node, RunRecord record) {
    node.put("rows_read", record.rowsRead());
    node.put("rows_written", record.rowsWritten());
    node.put("rows_rejected", record.rowsRejected());
    node.put("bytes_written", record.bytesWritten());
    node.put("window_column_min", record.windowColumnMin().map(Instant::toString).orElse(null));
    node.put("window_column_max", record.windowColumnMax().map(Instant::toString).orElse(null));
    node.put("duration_ms", record.duration().toMillis());
    node.put("output_path", record.outputPath());
    if (!record.source().schema().isEmpty()) {
      node.set("source_schema", SourceSchemaText.toJson(record.source().schema()));
    }
    record.source().checksum().ifPresent(c -> node.put("source_checksum", c));
    record.rowsBeforeRepair().ifPresent(b -> node.put("rows_before_repair", b));
    record.currentState().ifPresent(c -> {
      ObjectNode state = node.putObject("current_state").put("table", c.table()).put("version", c.version())
          .put("rows", c.rows());
      c.deletedKeys().ifPresent(d -> state.put("deleted_keys", d));
    });
  }

  private static RunRecord record(JsonNode node) {
    return new RunRecord(number(node, "rows_read"), number(node, "rows_written"), number(node, "bytes_written"),
        instant(node, "window_column_min"), instant(node, "window_column_max"),
        Duration.ofMillis(number(node, "duration_ms")), node.path("output_path").asText(),
        node.path("rows_rejected").asLong(0),
        new SourceSnapshot(SourceSchemaText.fromJson(node.path("source_schema")),
            node.hasNonNull("source_checksum") ? Optional.of(node.get("source_checksum").asLong()) : Optional.empty()),
        node.hasNonNull("rows_before_repair") ? Optional.of(node.get("rows_before_repair").asLong()) : Optional.empty(),
        List.of(), currentState(node.get("current_state")));
  }

  private static Optional<StateCommit> currentState(JsonNode node) {
    if (node == null || node.isNull()) {
      return Optional.empty();
    }
    if (!node.path("table").isTextual()) {
      throw new IllegalArgumentException("run record's current_state has no text 'table'");
    }
    return Optional.of(new StateCommit(node.get("table").asText(), number(node, "version"), number(node, "rows"),
        node.hasNonNull("deleted_keys") ? Optional.of(node.get("deleted_keys").asLong()) : Optional.empty()));
  }

  private static JsonNode tree(String json) {
    try {
      return MAPPER.readTree(json);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("run record is not JSON: " + e.getOriginalMessage());
    }
  }

  private static String text(ObjectNode node) {
    try {
      return MAPPER.writeValueAsString(node);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private static long number(JsonNode node, String field) {
    JsonNode value = node.get(field);
    if (value == null || !value.canConvertToLong()) {
      throw new IllegalArgumentException("run record has no number '" + field + "'");
    }
    return value.asLong();
  }

  private static Optional<Instant> instant(JsonNode node, String field) {
    JsonNode value = node.get(field);
    return value == null || value.isNull() ? Optional.empty() : Optional.of(Instant.parse(value.asText()));
  }
}
