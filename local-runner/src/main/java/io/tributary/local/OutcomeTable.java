package io.tributary.local;

import io.tributary.core.history.RunRecord;
import io.tributary.core.run.WindowOutcome;
import java.util.List;

/** Renders a run's window outcomes as a plain-text table, one row per window. */
final class OutcomeTable {
  private static final String ROW = "%-12s %-44s %-9s %10s %12s %8s  %s%n";

  private OutcomeTable() {}

  static String render(List<WindowOutcome> outcomes) {
    StringBuilder out = new StringBuilder();
    out.append(String.format(ROW, "JOB", "WINDOW", "RESULT", "ROWS", "BYTES", "SECONDS", "OUTPUT / ERROR"));
    for (WindowOutcome outcome : outcomes) {
      RunRecord record = outcome.record().orElse(null);
      out.append(String.format(ROW, outcome.jobName(), outcome.window(), outcome.result(),
          record == null ? "-" : String.format("%,d", record.rowsWritten()),
          record == null ? "-" : String.format("%,d", record.bytesWritten()),
          record == null ? "-" : String.format("%.2f", record.duration().toMillis() / 1000.0),
          record == null ? outcome.error().orElse("") : record.outputPath()));
    }
    if (outcomes.isEmpty()) {
      out.append("(no windows were due)\n");
    }
    return out.toString();
  }
}
