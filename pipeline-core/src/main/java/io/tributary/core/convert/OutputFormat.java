package io.tributary.core.convert;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** The file format a conversion writes. */
public enum OutputFormat {
  /** Apache Parquet. */
  PARQUET("parquet"),
  /** Apache Arrow IPC file format (Feather v2). */
  ARROW("arrow");

  private final String extension;

  OutputFormat(String extension) {
    this.extension = extension;
  }

  /** The name used on the command line, in file names and in METADATA.json. */
  public String extension() {
    return extension;
  }

  /** Parses {@code parquet|arrow}; the message lists the choices. */
  public static OutputFormat parse(String text) {
    return Arrays.stream(values()).filter(f -> f.extension.equals(text.toLowerCase(Locale.ROOT))).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("format '" + text + "' is not one of "
            + Arrays.stream(values()).map(OutputFormat::extension).collect(Collectors.joining(", "))));
  }
}
