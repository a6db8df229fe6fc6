package io.tributary.core.config;

import io.tributary.core.storage.StorageUri;
import io.tributary.core.window.LoadWindow;
import io.tributary.core.window.WindowTime;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Converts between one job-table row (cells keyed by column) and a {@link JobConfig}. The same checks
 * apply wherever a row comes from: config.txt, or an item read back from the config store.
 */
public final class JobRows {
  /** The cell of a column that does not apply to a job, or of a value it does not have: the one spelling. */
  public static final String NOT_APPLICABLE = "-";
  /** The columns of a jdbc-ingest job's source; other kinds leave them {@code -}. */
  public static final List<JobTableColumn> JDBC_COLUMNS = List.of(JobTableColumn.DATABASE_NAME,
      JobTableColumn.TABLE_NAME, JobTableColumn.WINDOW_DB_COLUMN, JobTableColumn.PARTITION_BY_COL,
      JobTableColumn.LOWER_BOUND, JobTableColumn.UPPER_BOUND, JobTableColumn.NUM_PARTITIONS);

  private JobRows() {}

  /** True when a cell says its column does not apply: empty, or {@link #NOT_APPLICABLE}. */
  public static boolean isNotApplicable(String cell) {
    return cell.isEmpty() || cell.equals(NOT_APPLICABLE);
  }

  /**
   * Builds the job of one row, or returns null after adding to {@code problems} one entry per bad cell.
   */
  public static JobConfig read(
      String fileName, int line, Map<JobTableColumn, String> cells, List<ConfigProblem> problems) {
    return new JobRowReader(fileName, line, cells, problems).read();
  }

  /** The cells of a kind configured by its {@code options} cell: the JDBC columns {@code -}, then the options. */
  public static Map<JobTableColumn, String> optionsCells(String options) {
    Map<JobTableColumn, String> cells = new EnumMap<>(JobTableColumn.class);
    JDBC_COLUMNS.forEach(column -> cells.put(column, NOT_APPLICABLE));
    cells.put(JobTableColumn.OPTIONS, options);
    return cells;
  }

  /** The cells of {@code job}, as config.txt would hold them. */
  public static Map<JobTableColumn, String> cells(JobConfig job) {
    Map<JobTableColumn, String> cells = new EnumMap<>(JobTableColumn.class);
    cells.put(JobTableColumn.JOB_NAME, job.name());
    cells.put(JobTableColumn.LOAD_DATE, job.state().loadDate().map(Object::toString).orElse(NOT_APPLICABLE));
    cells.put(JobTableColumn.LOAD_WINDOW_START, WindowTime.format(job.window().start()));
    cells.put(JobTableColumn.LOAD_WINDOW_STOP, WindowTime.format(job.window().stop()));
    cells.put(JobTableColumn.JOB_FLOW_ID, job.state().jobFlowId());
    cells.put(JobTableColumn.JOB_STATUS, job.state().status().name());
    cells.put(JobTableColumn.OUTPUT_DIR, job.outputDir().toString());
    cells.put(JobTableColumn.SCRIPT_SOURCE, job.kind().label());
    cells.putAll(job.kind().definition().writeCells(job.source()));
    return cells;
  }

  /** Builds one typed job from one row, recording a problem for every bad cell. */
  private static final class JobRowReader {
    private final Map<JobTableColumn, String> row;
    private final List<ConfigProblem> problems;
    private final int problemsBefore;
    private final RowCells cells;

    JobRowReader(String fileName, int line, Map<JobTableColumn, String> row, List<ConfigProblem> problems) {
      this.row = row;
      this.problems = problems;
      this.problemsBefore = problems.size();
      this.cells = new RowCells(fileName, line, row, problems);
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
      } else if (start != null && stop != null && Duration.between(start, stop).getSeconds() < 1) {
        // The RAW layout names a sub-day window by its start second (load_time=HHmmss): two windows inside
        // one second would share a directory and overwrite each other.
        problem(JobTableColumn.LOAD_WINDOW_STOP, "'" + row.get(JobTableColumn.LOAD_WINDOW_STOP)
            + "' is less than a second after load_window_start, expected a window of at least 1 second");
      }
      StorageUri output = CellParsers.outputLocation(this, JobTableColumn.OUTPUT_DIR);
      JobKind kind = CellParsers.kind(this, JobTableColumn.SCRIPT_SOURCE);
      JobSource source = kind == null ? null : kind.definition().readSource(cells, output);
      if (problems.size() != problemsBefore) {
        return null;
      }
      return new JobConfig(name, new LoadWindow(start, stop), state, output, source);
    }

    private JobState readState() {
      var loadDate = CellParsers.optionalDate(this, JobTableColumn.LOAD_DATE);
      String flowId = CellParsers.jobFlowId(this, JobTableColumn.JOB_FLOW_ID);
      JobStatus status = CellParsers.status(this, JobTableColumn.JOB_STATUS);
      return loadDate == null || flowId == null || status == null
          ? null
          : new JobState(loadDate, flowId, status);
    }

    String cell(JobTableColumn column) {
      return cells.cell(column);
    }

    String required(JobTableColumn column) {
      return cells.required(column);
    }

    void problem(JobTableColumn column, String message) {
      cells.problem(column, message);
    }
  }

  /** Parsers for single cells; each returns null after recording a problem. */
  private static final class CellParsers {
    static Instant timestamp(JobRowReader row, JobTableColumn column) {
      String value = row.required(column);
      if (value == null) {
        return null;
      }
      try {
        return WindowTime.parse(value);
      } catch (DateTimeParseException e) {
        row.problem(column, "'" + value + "' is not a timestamp, expected "
            + WindowTime.PATTERN + " in UTC, e.g. 2018-11-04 00:00:00");
        return null;
      }
    }

    static Optional<LocalDate> optionalDate(JobRowReader row, JobTableColumn column) {
      String value = row.cell(column);
      if (isNotApplicable(value)) {
        return Optional.empty();
      }
      try {
        return Optional.of(LocalDate.parse(value));
      } catch (DateTimeParseException e) {
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
            + Arrays.toString(JobStatus.values()));
        return null;
      }
    }

    static StorageUri outputLocation(JobRowReader row, JobTableColumn column) {
      String value = row.required(column);
      if (value == null) {
        return null;
      }
      Optional<String> problem = StorageUri.problemWith(value);
      if (problem.isPresent()) {
        row.problem(column, "'" + value + "' " + problem.get()
            + ", expected an s3://bucket/prefix, s3a://bucket/prefix or file:/absolute/path URI");
        return null;
      }
      return StorageUri.parse(value);
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
  }
}
