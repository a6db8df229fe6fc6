package io.tributary.core.convert;

import java.io.Serializable;
import java.util.regex.Pattern;

/** One S3DB dataset: {@code <collection>/<dataset>} below a source prefix. */
public record DatasetId(String collection, String dataset) implements Serializable {
  private static final Pattern SEGMENT = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.=-]*");

  public DatasetId {
    if (collection == null || !SEGMENT.matcher(collection).matches() || dataset == null
        || !SEGMENT.matcher(dataset).matches()) {
      throw new IllegalArgumentException("'" + collection + "/" + dataset
          + "' is not COLLECTION/DATASET of letters, digits, '_', '.', '=', '-'");
    }
  }

  /** Parses {@code COLLECTION/DATASET}. */
  public static DatasetId parse(String text) {
    int slash = text.indexOf('/');
    if (slash < 0 || text.indexOf('/', slash + 1) >= 0) {
      throw new IllegalArgumentException("dataset '" + text + "' is not COLLECTION/DATASET");
    }
    return new DatasetId(text.substring(0, slash), text.substring(slash + 1));
  }

  /** The dataset's path below a prefix. */
  public String path() {
    return collection + "/" + dataset;
  }

  @Override
  public String toString() {
    return path();
  }
}
