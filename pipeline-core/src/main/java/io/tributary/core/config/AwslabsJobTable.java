package io.tributary.core.config;

import io.tributary.core.window.WindowTime;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a job table in the format of {@code awslabs/amazon-s3-step-functions-ingestion-orchestration}
 * ({@code cfn/config.txt}, loaded by {@code lambdas/aws_etl_conf_jobs_custom_resource.py}): comma-separated,
 * headerless, 15 positional fields (job_name, load_date, window_load_start, window_load_stop, cluster_id,
 * job_status, output_dir, script_src, source_db, table_name, window_db_column, partition_by_col, lower_bound,
 * upper_bound, num_partitions), each stripped of quotes, {@code ]} and blanks as that loader strips them. Each row
 * becomes the same job in Tributary's job table, every cell it changes reported with why; a row that cannot be one
 * is refused, naming its line, and kept in the output as a comment.
 */
public final class AwslabsJobTable {
  /** The original's positional fields, mapped in order to Tributary's columns. */
  static final List<JobTableColumn> COLUMNS = List.of(JobTableColumn.JOB_NAME, JobTableColumn.LOAD_DATE,
      JobTableColumn.LOAD_WINDOW_START, JobTableColumn.LOAD_WINDOW_STOP, JobTableColumn.JOB_FLOW_ID,
      JobTableColumn.JOB_STATUS, JobTableColumn.OUTPUT_DIR, JobTableColumn.SCRIPT_SOURCE, JobTableColumn.DATABASE_NAME,
      JobTableColumn.TABLE_NAME, JobTableColumn.WINDOW_DB_COLUMN, JobTableColumn.PARTITION_BY_COL,
      JobTableColumn.LOWER_BOUND, JobTableColumn.UPPER_BOUND, JobTableColumn.NUM_PARTITIONS);
  /** The original's window timestamps: its sample's {@code 2018-11-04 00:00:000}, its rotation's {@code 20181105 00:00:00}. */
  private static final Pattern SAMPLE_TIME = Pattern.compile("(\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2})0");
  private static final DateTimeFormatter ROTATION_TIME = DateTimeFormatter.ofPattern("yyyyMMdd HH:mm:ss");
  private static final DateTimeFormatter SAMPLE_DATE = DateTimeFormatter.ofPattern("M/d/yy");
  /** The original's statuses (its rotation Lambda's) and Tributary's for them. */
  private static final Map<String, JobStatus> STATUSES = Map.of("PENDING", JobStatus.PENDING, "SUCCESS",
      JobStatus.SUCCEEDED, "RUNNING", JobStatus.PENDING, "FAILED", JobStatus.FAILED);
  /** The window column that makes the original's Spark script read the whole table. */
  static final String FULL_LOAD = "full_load";

  private static final String HEADER = String.join(" | ",
      Arrays.stream(JobTableColumn.values()).map(JobTableColumn::header).toList());

  private AwslabsJobTable() {}

  /** A cell the import changed, and why. */
  public record Change(int line, String job, JobTableColumn column, String from, String to, String why) {
    @Override
    public String toString() {
      return "line " + line + " (" + job + "): " + column.header() + " '" + from + "' -> '" + to + "': " + why;
    }
  }

  /** A row the import could not turn into a job. */
  public record Refusal(int line, String row, String reason) {
    @Override
    public String toString() {
      return "line " + line + ": refused: " + reason;
    }
  }

  /** The imported table (Tributary's format, refused rows as comments), what changed, what was refused. */
  public record Import(String table, List<Change> changes, List<Refusal> refused, int jobs) {}

  /** Imports the original table {@code text}, read from {@code fileName}. */
  public static Import convert(String fileName, String text) {
    StringBuilder table = new StringBuilder("# Imported from " + fileName
        + " (awslabs amazon-s3-step-functions-ingestion-orchestration format) by bin/tributary import-config.\n");
    table.append(HEADER).append('\n');
    List<Change> changes = new ArrayList<>();
    List<Refusal> refused = new ArrayList<>();
    int jobs = 0;
    String[] lines = text.split("\r?\n", -1);
    for (int i = 0; i < lines.length; i++) {
      String row = lines[i];
      if (row.isBlank()) {
        continue;
      }
      int line = i + 1;
      List<Change> rowChanges = new ArrayList<>();
      Optional<String> reason = Optional.empty();
      String converted = null;
      String[] fields = row.split(",", -1);
      if (fields.length != COLUMNS.size()) {
        reason = Optional.of(fields.length + " comma-separated fields, expected the original's "
            + COLUMNS.size() + " (" + COLUMNS.stream().map(JobTableColumn::header).toList() + ")");
      } else {
        try {
          converted = row(line, fields, rowChanges);
          JobTableParser.parse(fileName + ":" + line, HEADER + "\n" + converted);
        } catch (IllegalArgumentException | InvalidJobTableException e) {
          reason = Optional.of(e.getMessage());
        }
      }
      if (reason.isPresent()) {
        refused.add(new Refusal(line, row, reason.get()));
        table.append("# refused, line ").append(line).append(": ").append(reason.get().replace('\n', ' '))
            .append("\n# ").append(row).append('\n');
      } else {
        changes.addAll(rowChanges);
        table.append(converted).append('\n');
        jobs++;
      }
    }
    return new Import(table.toString(), changes, refused, jobs);
  }

  /** One row as Tributary's cells; throws naming what cannot be imported. */
  private static String row(int line, String[] fields, List<Change> changes) {
    List<String> cells = new ArrayList<>();
    String job = clean(fields[0]);
    for (int c = 0; c < COLUMNS.size(); c++) {
      JobTableColumn column = COLUMNS.get(c);
      String original = clean(fields[c]);
      String cell = cell(column, original);
      if (!cell.equals(original)) {
        changes.add(new Change(line, job, column, original, cell, why(column, original)));
      }
      cells.add(cell);
    }
    cells.add(JobRows.NOT_APPLICABLE); // options
    return String.join(" | ", cells);
  }

  /** A field as the original's loader stores it: quotes and {@code ]} removed, blanks stripped. */
  static String clean(String field) {
    return field.replace("'", "").replace("]", "").strip();
  }

  private static String cell(JobTableColumn column, String value) {
    return switch (column) {
      case LOAD_DATE -> loadDate(value);
      case LOAD_WINDOW_START, LOAD_WINDOW_STOP -> windowTime(value);
      case JOB_FLOW_ID -> value.matches("j-0+") || value.isEmpty() ? JobRows.NOT_APPLICABLE : value;
      case JOB_STATUS -> {
        JobStatus status = STATUSES.get(value.toUpperCase());
        if (status == null) {
          throw new IllegalArgumentException("job_status '" + value + "' is not one of the original's " + STATUSES.keySet());
        }
        yield status.name();
      }
      case OUTPUT_DIR -> value.endsWith("/") ? value.substring(0, value.length() - 1) : value;
      case SCRIPT_SOURCE -> JobKind.JDBC_INGEST.label();
      case WINDOW_DB_COLUMN -> {
        if (value.equals(FULL_LOAD)) {
          throw new IllegalArgumentException("window_db_column 'full_load' (the original's whole-table load) has no"
              + " Tributary equivalent: a jdbc-ingest job loads windows of a timestamp column; give the row one");
        }
        yield value;
      }
      default -> value;
    };
  }

  private static String loadDate(String value) {
    if (value.isEmpty() || value.equals(JobRows.NOT_APPLICABLE)) {
      return JobRows.NOT_APPLICABLE;
    }
    for (DateTimeFormatter format : List.of(DateTimeFormatter.ISO_LOCAL_DATE, SAMPLE_DATE)) {
      try {
        return LocalDate.parse(value, format).toString();
      } catch (DateTimeParseException e) {
        // try the next form
      }
    }
    throw new IllegalArgumentException("load_date '" + value + "' is neither yyyy-MM-dd nor the original's M/d/yy");
  }

  private static String windowTime(String value) {
    Matcher sample = SAMPLE_TIME.matcher(value);
    if (sample.matches()) {
      return sample.group(1);
    }
    try {
      return WindowTime.format(LocalDateTime.parse(value, ROTATION_TIME).toInstant(ZoneOffset.UTC));
    } catch (DateTimeParseException e) {
      return value; // the job table's own form, or a value its parser then names
    }
  }

  private static String why(JobTableColumn column, String original) {
    return switch (column) {
      case LOAD_DATE -> "the original's M/d/yy date, written yyyy-MM-dd";
      case LOAD_WINDOW_START, LOAD_WINDOW_STOP -> original.matches("\\d{8} .*")
          ? "the original's rotation form yyyyMMdd HH:mm:ss, written yyyy-MM-dd HH:mm:ss (UTC)"
          : "the original's sample writes seconds with a third digit (00:00:000); read as yyyy-MM-dd HH:mm:ss (UTC)";
      case JOB_FLOW_ID -> "the original's placeholder cluster id: no cluster yet";
      case JOB_STATUS -> original.equalsIgnoreCase("RUNNING")
          ? "a run the original had in flight is not Tributary's: the window runs again"
          : "the original's status, in Tributary's words";
      case OUTPUT_DIR -> "a location has no trailing '/'";
      case SCRIPT_SOURCE -> "the original's PySpark script: Tributary's jdbc-ingest kind does its work";
      default -> "as the original's loader strips it";
    };
  }
}
