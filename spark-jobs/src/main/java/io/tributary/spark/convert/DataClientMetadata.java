package io.tributary.spark.convert;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tributary.core.convert.ConversionTarget;
import io.tributary.core.convert.DatasetSchema;
import io.tributary.core.convert.S3dbMetadata;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;

/**
 * The METADATA.json DataClient reads beside a dataclient-layout dataset: its time index and partition
 * size, storage format, column order and types, time zone and when it was last written. An S3DB source's
 * superkey, value_key and tags are carried over ({@code source} is null for sources without METADATA.json).
 */
final class DataClientMetadata {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private DataClientMetadata() {}

  static String json(S3dbMetadata source, DatasetSchema schema, ConversionTarget target, Instant lastModified) {
    ObjectNode root = MAPPER.createObjectNode();
    ObjectNode index = root.putObject("index");
    index.put("_type", "TimeSeriesIndex");
    ObjectNode attributes = index.putObject("_attr");
    attributes.put("key", schema.timeIndexColumn());
    attributes.put("partition_size", target.partitionSize().metadataName());
    ObjectNode storage = root.putObject("storage_format");
    storage.put("file_format", target.format().extension());
    storage.put("compression", target.compression().label());
    ArrayNode order = root.putArray("column_order");
    ObjectNode types = root.putObject("column_types");
    for (int c = 0; c < schema.columns().size(); c++) {
      order.add(schema.columns().get(c));
      types.put(schema.columns().get(c), schema.types().get(c).label());
    }
    root.put("timezone", source == null ? "UTC" : timeZone(source));
    root.put("last_modified", lastModified.getEpochSecond());
    if (source != null) {
      source.superkey().forEach(root.putArray("superkey")::add);
      source.valueKey().forEach(root.putArray("value_key")::add);
      root.set("tags", source.tags().isMissingNode() ? MAPPER.createObjectNode() : source.tags());
    }
    try {
      return MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(root);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The one {@code time_zone} all tags agree on, else UTC (the time index is unix seconds either way). */
  private static String timeZone(S3dbMetadata source) {
    Set<String> zones = new HashSet<>();
    source.tags().forEach(tag -> {
      if (tag.hasNonNull("time_zone")) {
        zones.add(tag.get("time_zone").asText());
      }
    });
    return zones.size() == 1 ? zones.iterator().next() : "UTC";
  }
}
