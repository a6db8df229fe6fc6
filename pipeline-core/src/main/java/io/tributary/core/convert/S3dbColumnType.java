package io.tributary.core.convert;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * The column types of an S3DB dataset's METADATA.json {@code type_map}. A {@code list} is a JSON array (its
 * elements may be {@code null}), as DataClient.jl's gather parses it; it is kept as its JSON text.
 */
public enum S3dbColumnType {
  INT("int"),
  FLOAT("float"),
  STR("str"),
  BOOL("bool"),
  LIST("list");

  private final String label;

  S3dbColumnType(String label) {
    this.label = label;
  }

  public String label() {
    return label;
  }

  /** The type named {@code label} in a type map, if any. */
  public static Optional<S3dbColumnType> fromLabel(String label) {
    return Arrays.stream(values()).filter(t -> t.label.equals(label.toLowerCase(Locale.ROOT))).findFirst();
  }
}
