package io.tributary.core.convert;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * A compression named as S3DBConverter named them. In the athena layout it is the codec inside the file
 * (Parquet column chunks, Arrow IPC buffers); in the dataclient layout it compresses the whole file and
 * is the last extension of its name.
 */
public enum Compression {
  BR("br"),
  BZ2("bz2"),
  GZ("gz"),
  LZ4("lz4"),
  ZST("zst"),
  SZ("sz"),
  NONE("none");

  private final String label;

  Compression(String label) {
    this.label = label;
  }

  /** The name used on the command line. */
  public String label() {
    return label;
  }

  /** The file-name extension of a whole-file compressed file; empty for {@link #NONE}. */
  public String extension() {
    return this == NONE ? "" : label;
  }

  /** Parses {@code br|bz2|gz|lz4|zst|sz|none}; the message lists the choices. */
  public static Compression parse(String text) {
    return Arrays.stream(values()).filter(c -> c.label.equals(text.toLowerCase(Locale.ROOT))).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("compression '" + text + "' is not one of " + labels()));
  }

  /** All labels, comma separated. */
  public static String labels() {
    return Arrays.stream(values()).map(Compression::label).collect(Collectors.joining(", "));
  }
}
