package io.tributary.core.kind.warehouse;

import java.util.Arrays;
import java.util.Optional;

/**
 * The input files a warehouse load reads, by file extension, in the seed tool's order of preference when one
 * timestamp has files in several forms (s3-to-redshift's CreateS3File tries manifest, json.gz, json, gzipped CSV,
 * then the rest): the first listed wins.
 */
public enum InputFormat {
  /** A Redshift manifest ({@code {"entries": [{"url": ..., "mandatory": ...}]}}) listing the parts of one input. */
  MANIFEST("manifest", false),
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
