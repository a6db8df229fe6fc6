package io.tributary.spark.warehouse;

/** A row that cannot be loaded, located: file, line, column and value, and why. Its table's load is rolled back. */
public final class BadRowException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public BadRowException(String file, long line, String column, String value, String reason) {
    super(file + ":" + line + ": column " + column + ": " + reason
        + (value == null ? "" : " (value '" + (value.length() > 80 ? value.substring(0, 80) + "..." : value) + "')"));
  }
}
