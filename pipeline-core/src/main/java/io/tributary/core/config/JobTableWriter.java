package io.tributary.core.config;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** Writes jobs in config.txt's format, one header row then one row per job. */
public final class JobTableWriter {
  private static final String SEPARATOR = " " + JobTableParser.DELIMITER + " ";

  private JobTableWriter() {}

  /** The job table text for {@code jobs}. */
  public static String write(List<JobConfig> jobs) {
    String header = Stream.of(JobTableColumn.values()).map(JobTableColumn::header)
        .collect(Collectors.joining(SEPARATOR));
    StringBuilder out = new StringBuilder(header).append('\n');
    for (JobConfig job : jobs) {
      Map<JobTableColumn, String> cells = JobRows.cells(job);
      out.append(Stream.of(JobTableColumn.values()).map(cells::get).collect(Collectors.joining(SEPARATOR)))
          .append('\n');
    }
    return out.toString();
  }
}
