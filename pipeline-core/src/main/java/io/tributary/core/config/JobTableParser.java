package io.tributary.core.config;

import io.tributary.core.window.LoadWindow;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

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
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read job table " + path, e);
    }
  }

  /** Parses {@code content}, naming it {@code fileName} in problems. */
  public static List<JobConfig> parse(String fileName, String content) {
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
      JobConfig job = new JobRowReader(fileName, lineNumber, row, problems).read();
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
      if (!header.containsKey(column)) {
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
      out.append(out.isEmpty() ? "" : " " + DELIMITER + " ").append(column.header());
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

  /** Builds one typed job from one row, recording a problem for every bad cell. */
  private static final class JobRowReader {
    private final String fileName;
    private final int line;
    private final Map<JobTableColumn, String> row;
    private final List<ConfigProblem> problems;
    private final int problemsBefore;

    JobRowReader(String fileName, int line, Map<JobTableColumn, String> row, List<ConfigProblem> problems) {
      this.fileName = fileName;
      this.line = line;
      this.row = row;
      this.problems = problems;
      this.problemsBefore = problems.size();
    }

    JobConfig read() {
      String name = required(JobTableColumn.JOB_NAME);
      if (name != null && !JobConfig.isValidName(name)) {
        problem(JobTableColumn.JOB_NAME,
            "'" + name + "' is not a job name, expected letters, digits, '_', '.', '-' (at most 128)");
      }
      JobState state = readState();
      var start = CellParsers.timestamp(this, JobTableColumn.LOAD_WINDOW_START);
      var stop = CellParsers.timestamp(this, JobTableColumn.LOAD_WINDOW_STOP);
      if (start != null && stop != null && !start.isBefore(stop)) {
        problem(JobTableColumn.LOAD_WINDOW_STOP,
            "'" + row.get(JobTableColumn.LOAD_WINDOW_STOP) + "' is not after load_window_start '"
                + row.get(JobTableColumn.LOAD_WINDOW_START) + "', expected start < stop");
      }
      OutputLocation output = CellParsers.outputLocation(this, JobTableColumn.OUTPUT_DIR);
      JobKind kind = CellParsers.kind(this, JobTableColumn.SCRIPT_SOURCE);
      JdbcSource source = readSource();
      if (problems.size() != problemsBefore) {
        return null;
      }
      return new JobConfig(name, kind, new LoadWindow(start, stop), state, output, source);
    }

    private JobState readState() {
      var loadDate = CellParsers.optionalDate(this, JobTableColumn.LOAD_DATE);
      String flowId = CellParsers.jobFlowId(this, JobTableColumn.JOB_FLOW_ID);
      JobStatus status = CellParsers.status(this, JobTableColumn.JOB_STATUS);
      return loadDate == null || flowId == null || status == null
          ? null
          : new JobState(loadDate, flowId, status);
    }

    private JdbcSource readSource() {
      SqlIdentifier database = CellParsers.identifier(this, JobTableColumn.DATABASE_NAME);
      TableName table = CellParsers.table(this, JobTableColumn.TABLE_NAME);
      SqlIdentifier windowColumn = CellParsers.identifier(this, JobTableColumn.WINDOW_DB_COLUMN);
      SqlIdentifier partitionColumn = CellParsers.identifier(this, JobTableColumn.PARTITION_BY_COL);
      Long lower = CellParsers.wholeNumber(this, JobTableColumn.LOWER_BOUND, Long.MIN_VALUE);
      Long upper = CellParsers.wholeNumber(this, JobTableColumn.UPPER_BOUND, Long.MIN_VALUE);
      Long partitions = CellParsers.wholeNumber(this, JobTableColumn.NUM_PARTITIONS, 1);
      if (partitions != null && partitions > CellParsers.MAX_PARTITIONS) {
        problem(JobTableColumn.NUM_PARTITIONS, "'" + partitions + "' is above "
            + CellParsers.MAX_PARTITIONS + ", expected a whole number from 1 to " + CellParsers.MAX_PARTITIONS);
        partitions = null;
      }
      if (lower != null && upper != null && lower > upper) {
        problem(JobTableColumn.LOWER_BOUND,
            "'" + lower + "' is above upper_bound '" + upper + "', expected lower_bound <= upper_bound");
      }
      if (database == null || table == null || windowColumn == null || partitionColumn == null
          || lower == null || upper == null || partitions == null || lower > upper) {
        return null;
      }
      return new JdbcSource(database, table, windowColumn,
          new PartitionSpec(partitionColumn, lower, upper, partitions.intValue()));
    }

    String cell(JobTableColumn column) {
      return row.get(column);
    }

    String required(JobTableColumn column) {
      String value = row.get(column);
      if (value.isEmpty()) {
        problem(column, "empty, expected a value");
        return null;
      }
      return value;
    }

    void problem(JobTableColumn column, String message) {
      problems.add(new ConfigProblem(fileName, line, column.header(), message));
    }
  }

  /** Parsers for single cells; each returns null after recording a problem. */
  private static final class CellParsers {
    static final int MAX_PARTITIONS = 10_000;

    static java.time.Instant timestamp(JobRowReader row, JobTableColumn column) {
      String value = row.required(column);
      if (value == null) {
        return null;
      }
      try {
        return io.tributary.core.window.WindowTime.parse(value);
      } catch (java.time.format.DateTimeParseException e) {
        row.problem(column, "'" + value + "' is not a timestamp, expected "
            + io.tributary.core.window.WindowTime.PATTERN + " in UTC, e.g. 2018-11-04 00:00:00");
        return null;
      }
    }

    static Optional<java.time.LocalDate> optionalDate(JobRowReader row, JobTableColumn column) {
      String value = row.cell(column);
      if (value.isEmpty() || value.equals("-")) {
        return Optional.empty();
      }
      try {
        return Optional.of(java.time.LocalDate.parse(value));
      } catch (java.time.format.DateTimeParseException e) {
        row.problem(column, "'" + value + "' is not a date, expected yyyy-MM-dd or '-'");
        return null;
      }
    }

    static String jobFlowId(JobRowReader row, JobTableColumn column) {
      String value = row.cell(column);
      if (value.isEmpty()) {
        return JobState.NO_CLUSTER;
      }
      if (!value.matches("-|[A-Za-z0-9-]{1,64}")) {
        row.problem(column, "'" + value + "' is not a cluster id, expected e.g. j-2AXXXXXXGAPLF or '-'");
        return null;
      }
      return value;
    }

    static JobStatus status(JobRowReader row, JobTableColumn column) {
      String value = row.cell(column);
      if (value.isEmpty()) {
        return JobStatus.PENDING;
      }
      try {
        return JobStatus.valueOf(value);
      } catch (IllegalArgumentException e) {
        row.problem(column, "'" + value + "' is not a status, expected one of "
            + java.util.Arrays.toString(JobStatus.values()));
        return null;
      }
    }

    static OutputLocation outputLocation(JobRowReader row, JobTableColumn column) {
      String value = row.required(column);
      if (value == null) {
        return null;
      }
      try {
        return OutputLocation.parse(value);
      } catch (IllegalArgumentException e) {
        row.problem(column, "'" + value + "' " + e.getMessage()
            + ", expected an s3://bucket/prefix, s3a://bucket/prefix or file:/absolute/path URI");
        return null;
      }
    }

    static JobKind kind(JobRowReader row, JobTableColumn column) {
      String value = row.required(column);
      if (value == null) {
        return null;
      }
      Optional<JobKind> kind = JobKind.fromLabel(value);
      if (kind.isEmpty()) {
        row.problem(column, "'" + value + "' is not a job kind, expected one of " + JobKind.labels());
        return null;
      }
      return kind.get();
    }

    static SqlIdentifier identifier(JobRowReader row, JobTableColumn column) {
      String value = row.required(column);
      if (value == null) {
        return null;
      }
      if (!SqlIdentifier.isPlain(value)) {
        row.problem(column, "'" + value
            + "' is not a plain SQL identifier, expected letters, digits and '_' (not starting with a digit, at most 63)");
        return null;
      }
      return new SqlIdentifier(value);
    }

    static TableName table(JobRowReader row, JobTableColumn column) {
      String value = row.required(column);
      if (value == null) {
        return null;
      }
      if (!TableName.isValid(value)) {
        row.problem(column, "'" + value
            + "' is not a plain table name, expected table or schema.table of letters, digits and '_'");
        return null;
      }
      return TableName.parse(value);
    }

    static Long wholeNumber(JobRowReader row, JobTableColumn column, long min) {
      String value = row.required(column);
      if (value == null) {
        return null;
      }
      try {
        long parsed = Long.parseLong(value);
        if (parsed < min) {
          row.problem(column, "'" + value + "' is below " + min + ", expected a whole number >= " + min);
          return null;
        }
        return parsed;
      } catch (NumberFormatException e) {
        row.problem(column, "'" + value + "' is not a whole number, expected e.g. 10");
        return null;
      }
    }
  }
}
