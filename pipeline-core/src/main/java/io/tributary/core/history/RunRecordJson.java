package io.tributary.core.history;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tributary.core.window.LoadWindow;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** A run record as one JSON object: how a Spark step reports it and how the orchestration reads it back. */
public final class RunRecordJson {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private RunRecordJson() {}

  public static String write(String jobName, LoadWindow window, String runId, RunRecord record) {
    Map<String, Object> fields = new LinkedHashMap<>();
    fields.put("job_name", jobName);
    fields.put("run_id", runId);
    fields.put("window_start", window.start().toString());
    fields.put("window_stop", window.stop().toString());
    fields.put("rows_read", record.rowsRead());
    fields.put("rows_written", record.rowsWritten());
    fields.put("rows_rejected", record.rowsRejected());
    fields.put("bytes_written", record.bytesWritten());
    fields.put("window_column_min", record.windowColumnMin().map(Instant::toString).orElse(null));
    fields.put("window_column_max", record.windowColumnMax().map(Instant::toString).orElse(null));
    fields.put("duration_ms", record.duration().toMillis());
    fields.put("output_path", record.outputPath());
    try {
      return MAPPER.writeValueAsString(fields);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Reads a record written by {@link #write}; throws IllegalArgumentException naming what is missing. */
  public static RunRecord read(String json) {
    try {
      JsonNode node = MAPPER.readTree(json);
      return new RunRecord(number(node, "rows_read"), number(node, "rows_written"), number(node, "bytes_written"),
          instant(node, "window_column_min"), instant(node, "window_column_max"),
          Duration.ofMillis(number(node, "duration_ms")), node.path("output_path").asText(),
          node.path("rows_rejected").asLong(0));
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("run record is not JSON: " + e.getOriginalMessage());
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
