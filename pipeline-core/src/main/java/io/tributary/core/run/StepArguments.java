package io.tributary.core.run;

import io.tributary.core.config.JobConfig;
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
 * The arguments of the JDBC ingestion entry point for one job window: the job's config.txt row (checked
 * again on the cluster), the window, the run id, the secret source, the codec and where to write the run
 * record.
 */
public final class StepArguments {
  private StepArguments() {}

  /** The argument list, in the order {@code JdbcIngestMain} reads it. */
  public static List<String> of(JobConfig job, LoadWindow window, String runId, String secretSource,
      String codec, String recordFile) {
    Map<JobTableColumn, String> cells = JobRows.cells(job);
    String row = Arrays.stream(JobTableColumn.values()).map(cells::get).collect(Collectors.joining("|"));
    List<String> args = new ArrayList<>(List.of("--job", row,
        "--window-start", WindowTime.format(window.start()), "--window-stop", WindowTime.format(window.stop()),
        "--run-id", runId, "--secret-source", secretSource, "--codec", codec));
    if (recordFile != null) {
      args.addAll(List.of("--record-file", recordFile));
    }
    return List.copyOf(args);
  }
}
