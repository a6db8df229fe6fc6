package io.tributary.core.kind.warehouse;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/** The column types a warehouse table config may declare (the seed tool's set). */
public enum ColumnType {
  BOOLEAN,
  FLOAT,
  INT,
  BIGINT,
  DATE,
  TIMESTAMP,
  TEXT,
  LONGTEXT;

  /** The name used in configs, e.g. {@code bigint}. */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The type named {@code label}, if any. */
  public static Optional<ColumnType> fromLabel(String label) {
    return Arrays.stream(values()).filter(t -> t.label().equals(label)).findFirst();
  }

  /** Every label, for messages. */
  public static String labels() {
    return Arrays.stream(values()).map(ColumnType::label).collect(Collectors.joining(", "));
  }
}
