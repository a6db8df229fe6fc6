package io.tributary.local;

import io.tributary.core.history.JobRun;
import io.tributary.core.history.RunRecord;
import java.util.List;

/** Renders run history as a plain-text table, one row per job window run. */
final class RunTable {
  private static final String ROW = "%-18s %-44s %-9s %10s %8s %12s %8s  %s%n";

  private RunTable() {}

  static String render(List<JobRun> runs) {
    StringBuilder out = new StringBuilder();
    out.append(String.format(ROW, "JOB", "WINDOW", "STATUS", "ROWS", "REJECTED", "BYTES", "SECONDS", "OUTPUT / ERROR"));
    for (JobRun run : runs) {
      RunRecord record = run.result().orElse(null);
      out.append(String.format(ROW, run.jobName(), run.window(), run.status(),
          record == null ? "-" : String.format("%,d", record.rowsWritten()),
          record == null ? "-" : String.format("%,d", record.rowsRejected()),
          record == null ? "-" : String.format("%,d", record.bytesWritten()),
          record == null ? "-" : String.format("%.2f", record.duration().toMillis() / 1000.0),
          record == null ? run.error().orElse("") : record.outputPath()));
    }
    if (runs.isEmpty()) {
      out.append("(no windows were due)\n");
    }
    return out.toString();
  }
}
