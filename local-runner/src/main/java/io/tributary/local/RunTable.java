package io.tributary.local;

import io.tributary.core.history.JobRun;
import io.tributary.core.history.RunRecord;
import io.tributary.core.history.SourceColumn;
import io.tributary.core.kind.jdbc.SchemaChange;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/** Renders run history as a plain-text table, one row per job window run. */
final class RunTable {
  private static final String ROW = "%-18s %-44s %-9s %10s %8s %12s %8s  %s%n";

  private RunTable() {}

  /**
   * The output path, after what a repair replaced and how the source schema changed since the job's run before
   * ({@code older}: the job's earlier windows' runs, nearest first).
   */
  private static String notes(RunRecord record, List<JobRun> older) {
    StringBuilder notes = new StringBuilder();
    record.rowsBeforeRepair().ifPresent(before -> notes.append(String.format("repaired: %,d -> %,d rows; ",
        before, record.rowsRead())));
    List<SourceColumn> schema = record.source().schema();
    older.stream().map(JobRun::result).flatMap(Optional::stream).map(r -> r.source().schema())
        .filter(s -> !s.isEmpty()).findFirst().ifPresent(before -> {
          SchemaChange change = SchemaChange.between(before, schema);
          if (!schema.isEmpty() && !change.none()) {
            notes.append("schema: ").append(change.summary()).append("; ");
          }
        });
    return notes.append(record.outputPath()).toString();
  }

  static String render(List<JobRun> runs) {
    StringBuilder out = new StringBuilder();
    out.append(String.format(ROW, "JOB", "WINDOW", "STATUS", "ROWS", "REJECTED", "BYTES", "SECONDS", "OUTPUT / ERROR"));
    for (JobRun run : runs) {
      RunRecord record = run.result().orElse(null);
      String status = record != null && record.rowsBeforeRepair().isPresent() ? "REPAIRED" : run.status().name();
      out.append(String.format(ROW, run.jobName(), run.window(), status,
          record == null ? "-" : String.format("%,d", record.rowsWritten()),
          record == null ? "-" : String.format("%,d", record.rowsRejected()),
          record == null ? "-" : String.format("%,d", record.bytesWritten()),
          record == null ? "-" : String.format("%.2f", record.duration().toMillis() / 1000.0),
          record == null ? run.error().orElse("") : notes(record, earlier(run, runs))));
    }
    if (runs.isEmpty()) {
      out.append("(no windows were due)\n");
    }
    return out.toString();
  }

  /** The runs of {@code run}'s job in {@code runs} of windows before its own, the nearest window first. */
  private static List<JobRun> earlier(JobRun run, List<JobRun> runs) {
    return runs.stream().filter(r -> r.jobName().equals(run.jobName())
            && r.window().start().isBefore(run.window().start()))
        .sorted(Comparator.comparing((JobRun r) -> r.window().start()).reversed()).toList();
  }
}
