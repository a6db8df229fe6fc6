package io.tributary.core.config;

/**
 * One thing wrong in a job table, located by file, line and column: {@code
 * config/config.txt:4: num_partitions: '0' is below 1, expected a whole number >= 1}.
 */
public record ConfigProblem(String file, int line, String column, String message) {

  @Override
  public String toString() {
    return file + ":" + line + ": " + (column == null ? "" : column + ": ") + message;
  }
}
