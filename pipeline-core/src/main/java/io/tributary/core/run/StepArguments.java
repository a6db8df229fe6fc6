package io.tributary.core.run;

import io.tributary.core.config.JobConfig;
import io.tributary.core.config.JobKind;
import io.tributary.core.config.JobRows;
import io.tributary.core.config.JobTableColumn;
import io.tributary.core.window.LoadWindow;
import io.tributary.core.window.WindowTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The arguments of a job's entry point for one job window: the job's config.txt row (checked again on the
 * cluster), the window, the run id, where to write the run record and, for JDBC ingestion, the secret
 * source and the codec; for a live-fill, the changed source objects.
 */
public final class StepArguments {
  private StepArguments() {}

  /** The argument list, in the order {@code JdbcIngestMain} or {@code ConvertMain} reads it. */
  public static List<String> of(JobConfig job, LoadWindow window, String runId, String secretSource,
      String codec, String recordFile) {
    return of(job, window, runId, secretSource, codec, recordFile, List.of());
  }

  /** As above; a convert job with {@code changedObjects} live-fills the partitions holding them. */
  public static List<String> of(JobConfig job, LoadWindow window, String runId, String secretSource,
      String codec, String recordFile, List<String> changedObjects) {
    List<String> args = new ArrayList<>(List.of("--job", row(job),
        "--window-start", WindowTime.format(window.start()), "--window-stop", WindowTime.format(window.stop()),
        "--run-id", runId));
    if (job.kind() == JobKind.JDBC_INGEST) {
      args.addAll(List.of("--secret-source", secretSource, "--codec", codec));
    } else if (!changedObjects.isEmpty()) {
      args.addAll(List.of("--changed", String.join(",", changedObjects)));
    }
    if (recordFile != null) {
      args.addAll(List.of("--record-file", recordFile));
    }
    return List.copyOf(args);
  }

  /** The job's config.txt row, cells in header order. */
  public static String row(JobConfig job) {
    Map<JobTableColumn, String> cells = JobRows.cells(job);
    return Arrays.stream(JobTableColumn.values()).map(cells::get).collect(Collectors.joining("|"));
  }

  /**
   * Reads back a row written by {@link #row} (or by an earlier version, without the optional columns),
   * with every problem named as coming from {@code flag}.
   */
  public static JobConfig parseRow(String flag, String row) {
    int cells = row.split("\\|", -1).length;
    List<JobTableColumn> columns = Arrays.stream(JobTableColumn.values())
        .filter(c -> cells >= JobTableColumn.values().length || !c.optional()).toList();
    String header = columns.stream().map(JobTableColumn::header).collect(Collectors.joining("|"));
    return io.tributary.core.config.JobTableParser.parse(flag, header + "\n" + row).get(0);
  }

  /** The entry point of a job kind in the job jar. */
  public static String mainClass(JobKind kind) {
    return switch (kind) {
      case JDBC_INGEST -> "io.tributary.spark.JdbcIngestMain";
      case CONVERT -> "io.tributary.spark.ConvertMain";
    };
  }
}
