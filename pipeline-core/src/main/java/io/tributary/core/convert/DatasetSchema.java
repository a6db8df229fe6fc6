package io.tributary.core.convert;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The columns a dataset's files are converted to, in METADATA.json {@code type_map} order, and which of
 * them is the time index (unix seconds).
 */
public record DatasetSchema(List<String> columns, List<S3dbColumnType> types, int timeIndex)
    implements Serializable {

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

  /** The time index column's name. */
  public String timeIndexColumn() {
    return columns.get(timeIndex);
  }
}
