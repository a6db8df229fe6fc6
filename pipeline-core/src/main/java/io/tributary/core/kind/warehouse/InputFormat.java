package io.tributary.core.kind.warehouse;

import java.util.Arrays;
import java.util.Comparator;
import java.util.Optional;

/**
 * The input files a warehouse load reads, by file extension, in the seed tool's order of preference when one
 * timestamp has files in several forms (s3-to-redshift's CreateS3File tries manifest, json.gz, json, gzipped CSV,
 * then the rest): the first listed wins.
 */
public enum InputFormat {
  /** A Redshift manifest ({@code {"entries": [{"url": ..., "mandatory": ...}]}}) listing the parts of one input. */
  MANIFEST("manifest", false, false),
  JSON_GZ("json.gz", true, false),
  JSON("json", false, false),
  /** Tributary's CSV: a header row names the columns. */
  CSV_GZ("csv.gz", true, false),
  /** The seed tool's gzipped CSV ({@code .gz}): no header, columns in the config's order, {@code --delimiter}. */
  HEADERLESS_GZ("gz", true, true),
  /** The seed tool's plain CSV (no extension, as Redshift's UNLOAD names it): as {@link #HEADERLESS_GZ}. */
  HEADERLESS("", false, true),
  PARQUET("parquet", false, false);

  private final String extension;
  private final boolean gzip;
  private final boolean headerless;

  InputFormat(String extension, boolean gzip, boolean headerless) {
    this.extension = extension;
    this.gzip = gzip;
    this.headerless = headerless;
  }

  /** Whether this is the seed tool's CSV, read by the config's column order with a given delimiter. */
  public boolean headerless() {
    return headerless;
  }

  public String extension() {
    return extension;
  }

  public boolean gzip() {
    return gzip;
  }

  /**
   * The format a file name's extension names, if any, the longest that fits ({@code csv.gz} and {@code json.gz}
   * before {@code gz}). A name without one may still be a {@link #HEADERLESS} input (see {@link InputName}).
   */
  public static Optional<InputFormat> of(String fileName) {
    return Arrays.stream(values()).filter(f -> !f.extension.isEmpty() && fileName.endsWith("." + f.extension))
        .max(Comparator.comparingInt(f -> f.extension.length()));
  }
}
