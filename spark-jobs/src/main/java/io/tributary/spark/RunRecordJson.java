package io.tributary.spark;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tributary.core.history.RunRecord;
import io.tributary.core.window.LoadWindow;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/** A run record as one JSON object, the form an EMR step reports it in. */
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
}
