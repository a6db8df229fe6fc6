package io.tributary.convert;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tributary.core.convert.Compression;
import io.tributary.core.convert.ConversionTarget;
import io.tributary.core.convert.DatasetId;
import io.tributary.core.convert.DatasetSchema;
import io.tributary.core.convert.S3dbColumnType;
import io.tributary.core.convert.S3dbMetadata;
import java.time.Instant;
import java.util.Locale;

/**
 * The METADATA.json beside a dataclient-layout dataset, readable by both of DataClient.jl's stores
 * ({@code invenia/DataClient.jl}, src/s3store.jl and src/gather.jl). For its FFS store: top-level
 * {@code file_format} (ARROW, PARQUET), {@code compression} (BZ2, GZ, LZ4, ZST or "nothing"; it has no reader
 * for our BR and SZ), {@code index} ({@code _type} TimeSeriesIndex, {@code _attr} key and partition_size),
 * {@code column_order}, {@code column_types} (Julia types: the time index a {@code ZonedDateTime}, never missing;
 * every other column may be missing), {@code timezone} (the zone DataClient gives the source, see
 * {@link DataClientZones}), {@code last_modified} (unix seconds) and {@code details}. For its S3DB store, the
 * source's own keys unchanged: {@code type_map}, {@code superkey}, {@code value_key}, {@code tags}
 * ({@code source} is null for sources without METADATA.json).
 */
final class DataClientMetadata {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private DataClientMetadata() {}

  static String json(DatasetId dataset, S3dbMetadata source, DatasetSchema schema, ConversionTarget target,
      Instant lastModified) {
    ObjectNode root = MAPPER.createObjectNode();
    root.put("file_format", target.format().extension().toUpperCase(Locale.ROOT));
    root.put("compression", target.compression() == Compression.NONE ? "nothing"
        : target.compression().label().toUpperCase(Locale.ROOT));
    ObjectNode index = root.putObject("index");
    index.put("_type", "TimeSeriesIndex");
    ObjectNode attributes = index.putObject("_attr");
    attributes.put("key", schema.timeIndexColumn());
    attributes.put("partition_size", target.partitionSize().metadataName());
    ArrayNode order = root.putArray("column_order");
    ObjectNode types = root.putObject("column_types");
    for (int c = 0; c < schema.columns().size(); c++) {
      order.add(schema.columns().get(c));
      if (c == schema.timeIndex()) {
        // Registered as DataClient registers a TimeSeriesIndex key (insert.jl, the test-ds fixture): a
        // ZonedDateTime stored as non-null unix seconds, which its gather filter converts to (s3store.jl).
        types.put(schema.columns().get(c), "ZonedDateTime");
      } else {
        types.set(schema.columns().get(c), MAPPER.createArrayNode().add("Union").add("Missing")
            .add(juliaType(schema.types().get(c))));
      }
    }
    root.put("timezone", DataClientZones.of(dataset));
    root.put("last_modified", lastModified.getEpochSecond());
    root.putObject("details").put("written_by", "tributary convert");
    if (source != null) {
      ObjectNode typeMap = root.putObject("type_map");
      source.typeMap().forEach((column, type) -> typeMap.put(column, type.label()));
      source.superkey().forEach(root.putArray("superkey")::add);
      source.valueKey().forEach(root.putArray("value_key")::add);
      root.set("tags", source.tags().isMissingNode() ? MAPPER.createObjectNode() : source.tags());
    }
    try {
      return MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(root);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String juliaType(S3dbColumnType type) {
    return switch (type) {
      case INT -> "Int64";
      case FLOAT -> "Float64";
      case STR, LIST -> "String";
      case BOOL -> "Bool";
    };
  }
}
