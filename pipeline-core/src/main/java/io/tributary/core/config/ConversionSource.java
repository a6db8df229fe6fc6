package io.tributary.core.config;

import io.tributary.core.convert.Compression;
import io.tributary.core.convert.ConversionRequest;
import io.tributary.core.convert.ConversionTarget;
import io.tributary.core.convert.DatasetId;
import io.tributary.core.convert.DatasetSchema;
import io.tributary.core.convert.OutputFormat;
import io.tributary.core.convert.PartitionLayout;
import io.tributary.core.convert.PartitionSize;
import io.tributary.core.convert.SourceLayout;
import io.tributary.core.storage.StorageUri;
import io.tributary.core.window.LoadWindow;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * What a convert job converts, from its {@code options} cell: {@code source=URI; format=parquet|arrow;
 * compression=...; layout=athena|dataclient; partition_size=hour|day|month|year; [datasets=C/D,C/D];
 * [time_index=target_start]; [live=true|false]; [source_layout=s3db|cubic-dmap]; [schema=name:type,...]}
 * (a cubic-dmap source declares its columns). The destination is the job's {@code output_dir}.
 */
public record ConversionSource(StorageUri source, ConversionTarget target, List<DatasetId> datasets,
    String timeIndexColumn, boolean live, SourceLayout sourceLayout, Optional<DatasetSchema> declaredSchema)
    implements JobSource {
  private static final Set<String> KEYS = Set.of("source", "format", "compression", "layout", "partition_size",
      "datasets", "time_index", "live", "source_layout", "schema");

  /** An S3DB source (columns from each dataset's METADATA.json). */
  public ConversionSource(StorageUri source, ConversionTarget target, List<DatasetId> datasets,
      String timeIndexColumn, boolean live) {
    this(source, target, datasets, timeIndexColumn, live, SourceLayout.S3DB, Optional.empty());
  }

  public ConversionSource {
    source = source.viaS3a(); // the conversion reads through S3A
    Objects.requireNonNull(target, "target");
    datasets = List.copyOf(datasets);
    Objects.requireNonNull(timeIndexColumn, "timeIndexColumn");
    Objects.requireNonNull(sourceLayout, "sourceLayout");
    Objects.requireNonNull(declaredSchema, "declaredSchema");
  }

  /** The conversion of {@code range} (all of the source when empty) into {@code destination}. */
  public ConversionRequest request(StorageUri destination, Optional<LoadWindow> range) {
    return new ConversionRequest(source, destination, target, datasets, range,
        timeIndexColumn, sourceLayout, declaredSchema);
  }

  /** The options cell of this source, as {@link #parse} reads it. */
  public String options() {
    Map<String, String> options = new LinkedHashMap<>();
    options.put("source", source.toString());
    options.put("format", target.format().extension());
    options.put("compression", target.compression().label());
    options.put("layout", target.layout().label());
    options.put("partition_size", target.partitionSize().name().toLowerCase(Locale.ROOT));
    if (!datasets.isEmpty()) {
      options.put("datasets", datasets.stream().map(DatasetId::path).collect(Collectors.joining(",")));
    }
    if (!timeIndexColumn.equals(ConversionRequest.DEFAULT_TIME_INDEX)) {
      options.put("time_index", timeIndexColumn);
    }
    options.put("live", Boolean.toString(live));
    if (sourceLayout != SourceLayout.S3DB) {
      options.put("source_layout", sourceLayout.label());
    }
    declaredSchema.ifPresent(schema -> options.put("schema", schema.declaration()));
    return options.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(";"));
  }

  /**
   * Parses an options cell; every problem goes to {@code problems} as "key: what is wrong, expected"; returns
   * null when there is any. {@code destination} is checked against the source for overlap.
   */
  public static ConversionSource parse(String cell, StorageUri destination, List<String> problems) {
    Map<String, String> options = OptionsCell.parse(cell, KEYS, problems);
    int before = problems.size();
    for (String required : List.of("source", "format", "compression", "layout", "partition_size")) {
      if (!options.containsKey(required)) {
        problems.add(required + ": missing, expected " + required + "=...");
      }
    }
    if (problems.size() != before) {
      return null;
    }
    StorageUri source = value(options, "source", text -> StorageUri.parse(text).viaS3a(), problems);
    OutputFormat format = value(options, "format", OutputFormat::parse, problems);
    Compression compression = value(options, "compression", Compression::parse, problems);
    PartitionLayout layout = value(options, "layout", PartitionLayout::parse, problems);
    PartitionSize size = value(options, "partition_size", PartitionSize::parse, problems);
    List<DatasetId> datasets = new ArrayList<>();
    if (options.containsKey("datasets")) {
      for (String dataset : options.get("datasets").split(",")) {
        DatasetId id = value(Map.of("datasets", dataset.trim()), "datasets", DatasetId::parse, problems);
        if (id != null) {
          datasets.add(id);
        }
      }
    }
    String live = options.getOrDefault("live", "false");
    if (!live.equals("true") && !live.equals("false")) {
      problems.add("live: '" + live + "' is not true or false");
    }
    String timeIndex = options.getOrDefault("time_index", ConversionRequest.DEFAULT_TIME_INDEX);
    if (!timeIndex.matches("[A-Za-z_][A-Za-z0-9_]*")) {
      problems.add("time_index: '" + timeIndex + "' is not a column name");
    }
    SourceLayout sourceLayout = options.containsKey("source_layout")
        ? value(options, "source_layout", SourceLayout::parse, problems) : SourceLayout.S3DB;
    Optional<DatasetSchema> schema = options.containsKey("schema")
        ? Optional.ofNullable(value(options, "schema", DatasetSchema::declared, problems)) : Optional.empty();
    if (sourceLayout == SourceLayout.CUBIC_DMAP && !options.containsKey("schema")) {
      problems.add("schema: missing, a cubic-dmap source declares its columns, e.g. schema=station:str,taps:int");
    }
    if (sourceLayout == SourceLayout.S3DB && options.containsKey("schema")) {
      problems.add("schema: an s3db source takes its columns from METADATA.json, expected no schema");
    }
    if (sourceLayout != null && size != null) {
      sourceLayout.refusal(size).ifPresent(reason -> problems.add("partition_size: " + reason));
    }
    if (problems.size() != before) {
      return null;
    }
    ConversionTarget target;
    try {
      target = new ConversionTarget(format, compression, layout, size);
    } catch (IllegalArgumentException e) {
      problems.add("compression: " + e.getMessage());
      return null;
    }
    if (destination != null && source.overlaps(destination)) {
      problems.add("source: " + source + " overlaps output_dir " + destination
          + ", expected a destination neither inside nor above the source");
      return null;
    }
    return new ConversionSource(source, target, datasets, timeIndex, live.equals("true"), sourceLayout, schema);
  }

  private static <T> T value(Map<String, String> options, String key, Function<String, T> parse,
      List<String> problems) {
    try {
      return parse.apply(options.get(key));
    } catch (IllegalArgumentException e) {
      problems.add(key + ": " + e.getMessage());
      return null;
    }
  }
}
