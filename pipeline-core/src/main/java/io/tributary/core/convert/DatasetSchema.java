package io.tributary.core.convert;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The columns a dataset's files are converted to, in METADATA.json {@code type_map} order (or as a job
 * declares them), and which of them is the time index (unix seconds). When {@code timeIndexFromFileDay},
 * the time index is not in the files: it is the last column, {@value #FILE_DAY}, set to each file's day.
 */
public record DatasetSchema(List<String> columns, List<S3dbColumnType> types, int timeIndex,
    boolean timeIndexFromFileDay) implements Serializable {

  /** The column a day-file source's rows get: unix seconds of their file's UTC day. */
  public static final String FILE_DAY = "file_day";

  public DatasetSchema(List<String> columns, List<S3dbColumnType> types, int timeIndex) {
    this(columns, types, timeIndex, false);
  }

  public DatasetSchema {
    columns = List.copyOf(columns);
    types = List.copyOf(types);
    if (columns.size() != types.size() || timeIndex < 0 || timeIndex >= columns.size()
        || types.get(timeIndex) != S3dbColumnType.INT) {
      throw new IllegalArgumentException("columns " + columns + " and types " + types
          + " do not match, or column " + timeIndex + " is not an int time index");
    }
  }

  /** The schema of {@code metadata}, indexed on {@code timeIndexColumn} (checked by the metadata parser). */
  public static DatasetSchema of(S3dbMetadata metadata, String timeIndexColumn) {
    List<String> columns = new ArrayList<>(metadata.typeMap().keySet());
    List<S3dbColumnType> types = new ArrayList<>();
    for (Map.Entry<String, S3dbColumnType> entry : metadata.typeMap().entrySet()) {
      types.add(entry.getValue());
    }
    return new DatasetSchema(columns, types, columns.indexOf(timeIndexColumn));
  }

  /**
   * A declared schema, {@code name:type,name:type} with types int, float, str, bool, indexed by the
   * {@value #FILE_DAY} column added after them. Throws IllegalArgumentException naming what is wrong.
   */
  public static DatasetSchema declared(String text) {
    List<String> columns = new ArrayList<>();
    List<S3dbColumnType> types = new ArrayList<>();
    for (String column : text.split(",")) {
      String[] parts = column.trim().split(":");
      if (parts.length != 2 || !parts[0].trim().matches("[A-Za-z_][A-Za-z0-9_]*")) {
        throw new IllegalArgumentException("'" + column.trim() + "' is not name:type");
      }
      String name = parts[0].trim();
      if (columns.contains(name) || name.equals(FILE_DAY)) {
        throw new IllegalArgumentException("column '" + name + "' is declared twice or is the reserved " + FILE_DAY);
      }
      columns.add(name);
      types.add(S3dbColumnType.fromLabel(parts[1].trim()).orElseThrow(() -> new IllegalArgumentException(
          "'" + parts[1].trim() + "' of column '" + name + "' is not int, float, str or bool")));
    }
    columns.add(FILE_DAY);
    types.add(S3dbColumnType.INT);
    return new DatasetSchema(columns, types, columns.size() - 1, true);
  }

  /** The declaration {@link #declared} reads, without the {@value #FILE_DAY} column. */
  public String declaration() {
    StringBuilder out = new StringBuilder();
    for (int c = 0; c < columns.size(); c++) {
      if (timeIndexFromFileDay && c == timeIndex) {
        continue;
      }
      out.append(out.isEmpty() ? "" : ",").append(columns.get(c)).append(':').append(types.get(c).label());
    }
    return out.toString();
  }

  /** The time index column's name. */
  public String timeIndexColumn() {
    return columns.get(timeIndex);
  }
}
