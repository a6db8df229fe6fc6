package io.tributary.core.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;

/**
 * The cells of one job-table row while it is read, for the common columns and for a kind's own: each
 * reader returns the typed value, or null after recording a problem naming the file, line and column.
 */
public final class RowCells {
  /** The most partitions a read may be split into. */
  public static final int MAX_PARTITIONS = 10_000;

  private final String fileName;
  private final int line;
  private final Map<JobTableColumn, String> row;
  private final List<ConfigProblem> problems;

  RowCells(String fileName, int line, Map<JobTableColumn, String> row, List<ConfigProblem> problems) {
    this.fileName = fileName;
    this.line = line;
    this.row = row;
    this.problems = problems;
  }

  /** The cell as written, empty when absent. */
  public String cell(JobTableColumn column) {
    return row.getOrDefault(column, "");
  }

  /** True when the cell is empty or {@code -}. */
  public boolean notApplicable(JobTableColumn column) {
    return JobRows.isNotApplicable(cell(column));
  }

  /** The cell, or null after recording that it is empty. */
  public String required(JobTableColumn column) {
    String value = cell(column);
    if (value.isEmpty()) {
      problem(column, "empty, expected a value");
      return null;
    }
    return value;
  }

  /** Records a problem with the cell of {@code column}. */
  public void problem(JobTableColumn column, String message) {
    problems.add(new ConfigProblem(fileName, line, column.header(), message));
  }

  /** Records a problem for each of {@code columns} that holds a value: they do not apply to {@code kind}. */
  public void requireNotApplicable(List<JobTableColumn> columns, String kind) {
    for (JobTableColumn column : columns) {
      if (!notApplicable(column)) {
        problem(column, "'" + cell(column) + "' does not apply to a " + kind + " job, expected '-'");
      }
    }
  }

  /**
   * The source of a kind configured by its {@code options} cell (the JDBC columns {@code -}): parsed by
   * {@code parse}, each of its problems recorded against the cell; null when the cell is empty or wrong.
   */
  public <S> S options(String kind, String expected,
      BiFunction<String, List<String>, S> parse) {
    requireNotApplicable(JobRows.JDBC_COLUMNS, kind);
    if (notApplicable(JobTableColumn.OPTIONS)) {
      problem(JobTableColumn.OPTIONS, "empty, a " + kind + " job needs " + expected);
      return null;
    }
    List<String> problems = new ArrayList<>();
    S source = parse.apply(cell(JobTableColumn.OPTIONS), problems);
    problems.forEach(p -> problem(JobTableColumn.OPTIONS, p));
    return source;
  }

  /** The number of problems recorded so far (for the whole file). */
  public int problemCount() {
    return problems.size();
  }

  /** A plain SQL identifier. */
  public SqlIdentifier identifier(JobTableColumn column) {
    String value = required(column);
    if (value == null) {
      return null;
    }
    if (!SqlIdentifier.isPlain(value)) {
      problem(column, "'" + value
          + "' is not a plain SQL identifier, expected letters, digits and '_' (not starting with a digit, at most 63)");
      return null;
    }
    return new SqlIdentifier(value);
  }

  /** A table or schema.table name. */
  public TableName table(JobTableColumn column) {
    String value = required(column);
    if (value == null) {
      return null;
    }
    if (!TableName.isValid(value)) {
      problem(column, "'" + value
          + "' is not a plain table name, expected table or schema.table of letters, digits and '_'");
      return null;
    }
    return TableName.parse(value);
  }

  /** A whole number of at least {@code min}. */
  public Long wholeNumber(JobTableColumn column, long min) {
    String value = required(column);
    if (value == null) {
      return null;
    }
    try {
      long parsed = Long.parseLong(value);
      if (parsed < min) {
        problem(column, "'" + value + "' is below " + min + ", expected a whole number >= " + min);
        return null;
      }
      return parsed;
    } catch (NumberFormatException e) {
      problem(column, "'" + value + "' is not a whole number, expected e.g. 10");
      return null;
    }
  }
}
