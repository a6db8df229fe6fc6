package io.tributary.local;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/** The flags of a conversion, shared by {@code convert} and {@code live}; checked by ConvertArguments. */
final class ConversionOptions {
  @Option(names = "--source", required = true, description = "S3DB source root: file:/path, s3a://bucket/prefix or s3://...")
  String source;

  @Option(names = "--dest", required = true, description = "Destination root; must not overlap the source.")
  String dest;

  @Option(names = "--format", required = true, description = "parquet or arrow.")
  String format;

  @Option(names = "--compression", required = true, description = "br, bz2, gz, lz4, zst, sz or none.")
  String compression;

  @Option(names = "--layout", required = true, description = "athena or dataclient.")
  String layout;

  @Option(names = "--partition-size", required = true, description = "hour, day, month or year (UTC).")
  String partitionSize;

  @Option(names = "--dataset", description = "COLLECTION/DATASET[,...] (default: every dataset below the source).")
  String datasets;

  @Option(names = "--time-index", description = "The time index column (default: target_start).")
  String timeIndex;

  @Option(names = "--memory-budget-mb", description = "Memory each task gives its writers (default: 64).")
  Long memoryBudgetMb;

  @Option(names = "--source-layout", description = "s3db (default) or cubic-dmap (<name>/<yyyymmdd>.csv[.gz]).")
  String sourceLayout;

  @Option(names = "--schema", description = "The columns of a cubic-dmap source, name:type,... (int, float, str, bool).")
  String schema;

  /** The arguments ConvertMain reads. */
  List<String> arguments() {
    List<String> args = new ArrayList<>(List.of("--source", uri(source), "--dest", uri(dest), "--format", format,
        "--compression", compression, "--layout", layout, "--partition-size", partitionSize));
    if (datasets != null) {
      args.addAll(List.of("--dataset", datasets));
    }
    if (timeIndex != null) {
      args.addAll(List.of("--time-index", timeIndex));
    }
    if (sourceLayout != null) {
      args.addAll(List.of("--source-layout", sourceLayout));
    }
    if (schema != null) {
      args.addAll(List.of("--schema", schema));
    }
    if (memoryBudgetMb != null) {
      args.addAll(List.of("--memory-budget-mb", Long.toString(memoryBudgetMb)));
    }
    return args;
  }

  /** A plain local path is taken as a file: URI. */
  static String uri(String location) {
    return location.contains(":") ? location : Path.of(location).toAbsolutePath().normalize().toUri().toString();
  }
}
