package io.tributary.core.kind.warehouse;

import java.util.Arrays;
import java.util.Optional;

/** The input files a warehouse load reads, by file extension. */
public enum InputFormat {
  JSON_GZ("json.gz", true),
  JSON("json", false),
  CSV_GZ("csv.gz", true),
  PARQUET("parquet", false);

  private final String extension;
  private final boolean gzip;

  InputFormat(String extension, boolean gzip) {
    this.extension = extension;
    this.gzip = gzip;
  }

  public String extension() {
    return extension;
  }

  public boolean gzip() {
    return gzip;
  }

  /** The format a file name ends in, if any (the longest extension first: {@code json.gz} before {@code json}). */
  public static Optional<InputFormat> of(String fileName) {
    return Arrays.stream(values()).filter(f -> fileName.endsWith("." + f.extension)).findFirst();
  }
}
