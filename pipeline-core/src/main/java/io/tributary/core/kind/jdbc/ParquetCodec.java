package io.tributary.core.kind.jdbc;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** The Parquet column-chunk codecs the RAW zone can be written with. */
public enum ParquetCodec {
  NONE("uncompressed"),
  SNAPPY("snappy"),
  GZIP("gzip"),
  LZ4("lz4"),
  LZ4_RAW("lz4_raw"),
  ZSTD("zstd");

  private final String sparkName;

  ParquetCodec(String sparkName) {
    this.sparkName = sparkName;
  }

  /** The name Spark's {@code compression} option takes. */
  public String sparkName() {
    return sparkName;
  }

  /** Parses a codec name, case-insensitively; the message lists the choices. */
  public static ParquetCodec parse(String name) {
    String upper = name.toUpperCase(Locale.ROOT);
    if (upper.equals("UNCOMPRESSED")) {
      return NONE;
    }
    try {
      return valueOf(upper);
    } catch (IllegalArgumentException e) {
      String hint = upper.equals("BZIP2") || upper.equals("BZ2")
          ? " (Parquet has no bzip2 codec; use zstd or gzip)" : "";
      throw new IllegalArgumentException("codec '" + name + "' is not one of "
          + Arrays.stream(values()).map(c -> c.name().toLowerCase(Locale.ROOT)).collect(Collectors.joining(", "))
          + hint);
    }
  }
}
