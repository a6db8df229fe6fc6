package io.tributary.core.config;

import io.tributary.core.convert.OutputFormat;
import io.tributary.core.convert.PartitionLayout;
import io.tributary.core.kind.warehouse.Granularity;
import io.tributary.core.kind.warehouse.LakeLayout;
import io.tributary.core.storage.StorageUri;
import io.tributary.core.window.RawZoneLayout;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.MalformedInputException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Reads config.txt: {@code |}-separated cells, one header row naming every column of {@link
 * JobTableColumn} (any order), then one row per job. Blank lines and lines starting with {@code #} are
 * skipped; cells are trimmed; a leading and trailing {@code |} (a Markdown table, when the header
 * row starts with a pipe) and Markdown separator rows ({@code |---|---|}) are tolerated. The whole file is rejected, with every problem, if any
 * row is wrong.
 */
public final class JobTableParser {
  /** The cell separator. */
  public static final char DELIMITER = '|';

  private JobTableParser() {}

  /** Parses the file at {@code path}, naming it by that path in problems. */
  public static List<JobConfig> parse(Path path) {
    try {
      return parse(path.toString(), Files.readString(path, StandardCharsets.UTF_8));
    } catch (MalformedInputException e) {
      throw new InvalidJobTableException(List.of(new ConfigProblem(path.toString(), 1, null,
          "not UTF-8 text (a binary file?), expected a job table like config/config.txt")));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read job table " + path, e);
    }
  }

  /**
   * A warehouse-load job reading another job's windows, with that job's RAW root filled in; a problem when
   * the job it names is not a jdbc-ingest job of the same table.
   */
  private static JobConfig withLakeInputs(String fileName, int line, JobConfig job, List<JobConfig> jobs,
      List<ConfigProblem> problems) {
    if (!(job.source() instanceof WarehouseSource warehouse) || warehouse.sourceJob().isEmpty()
        || warehouse.lakeInput().isPresent()) {
      return job;
    }
    String name = warehouse.sourceJob().get();
    JobConfig source = jobs.stream().filter(j -> j.name().equals(name)).findFirst().orElse(null);
    Consumer<String> problem = message -> problems.add(
        new ConfigProblem(fileName, line, JobTableColumn.OPTIONS.header(), "source_job: " + message));
    if (source != null && source.source() instanceof JdbcSource jdbc && jdbc.outputFormat() != JdbcOutputFormat.PARQUET) {
      problem.accept("'" + name + "' writes its windows as Delta (output_format=delta), which a warehouse load does"
          + " not read, expected a job writing Parquet");
      return job;
    }
    if (source != null && source.source() instanceof JdbcSource && warehouse.granularity() != Granularity.DAY) {
      problem.accept("'" + name + "' publishes daily load_date windows, expected granularity=day");
      return job;
    }
    if (source != null && source.source() instanceof JdbcSource) {
      return withSource(job, warehouse.withLakeInput(StorageUri.parse(
          RawZoneLayout.incrementalRoot(source)), LakeLayout.RAW));
    }
    if (source != null && source.source() instanceof ConversionSource conversion) {
      var target = conversion.target();
      boolean readable = target.layout() == PartitionLayout.ATHENA
          && target.format() == OutputFormat.PARQUET
          && target.partitionSize().name().equals(warehouse.granularity().name());
      var datasets = warehouse.dataset().map(List::of).orElse(conversion.datasets());
      if (!readable) {
        problem.accept("'" + name + "' writes " + target.format().extension() + " in the " + target.layout().label()
            + " layout by " + target.partitionSize().name().toLowerCase() + ", expected parquet in the athena layout"
            + " by " + warehouse.granularity().label() + " (the granularity of this load)");
      } else if (datasets.size() != 1) {
        problem.accept("'" + name + "' converts " + (datasets.isEmpty() ? "every dataset" : datasets)
            + ", expected dataset=<collection>/<dataset> naming the one to load");
      } else {
        String root = source.outputDir().toString().replaceAll("/$", "") + "/" + datasets.get(0).path();
        return withSource(job, warehouse.withLakeInput(StorageUri.parse(root),
            LakeLayout.ATHENA));
      }
      return job;
    }
    problem.accept("'" + name + "' is not a jdbc-ingest or convert job of this table, expected the name of one");
    return job;
  }

  private static JobConfig withSource(JobConfig job, WarehouseSource source) {
    return new JobConfig(job.name(), job.window(), job.state(), job.outputDir(), source);
  }

  /**
   * {@code jobs} with each warehouse load's source job resolved again (after the jobs were changed, as a
   * local run relocates their outputs); throws naming every problem.
   */
  public static List<JobConfig> resolveSourceJobs(String fileName, List<JobConfig> jobs) {
    List<ConfigProblem> problems = new ArrayList<>();
    List<JobConfig> resolved = new ArrayList<>(jobs);
    resolved.replaceAll(job -> withLakeInputs(fileName, 0, job, jobs, problems));
    if (!problems.isEmpty()) {
      throw new InvalidJobTableException(problems);
    }
    return List.copyOf(resolved);
  }

  /** Parses {@code content}, naming it {@code fileName} in problems. */
  public static List<JobConfig> parse(String fileName, String content) {
    if (content.startsWith("\uFEFF")) {
      content = content.substring(1); // a UTF-8 byte order mark, as some editors write
    }
    List<ConfigProblem> problems = new ArrayList<>();
    List<JobConfig> jobs = new ArrayList<>();
    Map<JobTableColumn, Integer> header = null;
    Map<String, Integer> firstLineOfName = new HashMap<>();
    boolean markdown = false;
    String[] lines = content.split("\r?\n", -1);
    for (int i = 0; i < lines.length; i++) {
      int lineNumber = i + 1;
      String line = lines[i].strip();
      if (line.isEmpty() || line.startsWith("#") || isMarkdownSeparator(line)) {
        continue;
      }
      if (header == null) {
        markdown = line.startsWith("|");
      }
      List<String> cells = cells(line, markdown);
      if (header == null) {
        header = readHeader(fileName, lineNumber, cells, problems);
        if (header == null) {
          break;
        }
        continue;
      }
      if (cells.size() != header.size()) {
        problems.add(
            new ConfigProblem(
                fileName,
                lineNumber,
                null,
                "found " + cells.size() + " cells, expected " + header.size()
                    + " separated by '" + DELIMITER + "' as in the header"));
        continue;
      }
      Map<JobTableColumn, String> row = new EnumMap<>(JobTableColumn.class);
      for (Map.Entry<JobTableColumn, Integer> column : header.entrySet()) {
        row.put(column.getKey(), cells.get(column.getValue()));
      }
      JobConfig job = JobRows.read(fileName, lineNumber, row, problems);
      if (job != null) {
        Integer earlier = firstLineOfName.putIfAbsent(job.name(), lineNumber);
        if (earlier != null) {
          problems.add(
              new ConfigProblem(
                  fileName,
                  lineNumber,
                  JobTableColumn.JOB_NAME.header(),
                  "duplicate job name '" + job.name() + "' (first on line " + earlier
                      + "), expected each job once"));
        } else {
          jobs.add(job);
        }
      }
    }
    if (header == null && problems.isEmpty()) {
      problems.add(new ConfigProblem(fileName, 1, null, "no header row, expected " + expectedHeader()));
    }
    if (problems.isEmpty()) { // a source job with problems of its own would be reported twice
      jobs.replaceAll(job -> withLakeInputs(fileName, firstLineOfName.get(job.name()), job, jobs, problems));
    }
    if (!problems.isEmpty()) {
      throw new InvalidJobTableException(problems);
    }
    return List.copyOf(jobs);
  }

  private static Map<JobTableColumn, Integer> readHeader(
      String fileName, int lineNumber, List<String> cells, List<ConfigProblem> problems) {
    Map<JobTableColumn, Integer> header = new EnumMap<>(JobTableColumn.class);
    int before = problems.size();
    for (int i = 0; i < cells.size(); i++) {
      String name = cells.get(i);
      Optional<JobTableColumn> column = JobTableColumn.fromHeader(name);
      if (column.isEmpty()) {
        problems.add(
            new ConfigProblem(
                fileName, lineNumber, name, "unknown column, expected one of " + expectedHeader()));
      } else if (header.putIfAbsent(column.get(), i) != null) {
        problems.add(
            new ConfigProblem(fileName, lineNumber, name, "column named twice, expected it once"));
      }
    }
    for (JobTableColumn column : JobTableColumn.values()) {
      if (!header.containsKey(column) && !column.optional()) {
        problems.add(
            new ConfigProblem(
                fileName, lineNumber, column.header(), "missing column, expected it in the header"));
      }
    }
    return problems.size() == before ? header : null;
  }

  private static String expectedHeader() {
    StringBuilder out = new StringBuilder();
    for (JobTableColumn column : JobTableColumn.values()) {
      out.append(out.isEmpty() ? "" : " " + DELIMITER + " ").append(column.header())
          .append(column.optional() ? " (optional)" : "");
    }
    return out.toString();
  }

  private static boolean isMarkdownSeparator(String line) {
    return line.startsWith("|") && line.chars().allMatch(c -> c == '|' || c == '-' || c == ':' || c == ' ');
  }

  /** Splits a row; in a Markdown table (header starts with a pipe) the outer pipes are not cells. */
  private static List<String> cells(String line, boolean markdown) {
    String body = line;
    if (markdown && body.startsWith("|")) {
      body = body.substring(1);
    }
    if (markdown && body.endsWith("|")) {
      body = body.substring(0, body.length() - 1);
    }
    List<String> cells = new ArrayList<>();
    for (String cell : body.split("\\|", -1)) {
      cells.add(cell.strip());
    }
    return cells;
  }
}
