package io.tributary.core.convert;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An S3DB dataset's METADATA.json: column types ({@code type_map}, in file order), the key columns
 * ({@code superkey}), the value columns ({@code value_key}) and the tags (kept as JSON). Parsed once and
 * checked: every key and value column must have a type, and the time index column must be an int of
 * unix seconds.
 */
public record S3dbMetadata(
    Map<String, S3dbColumnType> typeMap, List<String> superkey, List<String> valueKey, JsonNode tags) {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  public S3dbMetadata {
    typeMap = Collections.unmodifiableMap(new LinkedHashMap<>(typeMap));
    superkey = List.copyOf(superkey);
    valueKey = List.copyOf(valueKey);
  }

  /** Parses {@code json}, naming {@code source} and the field in every problem, all at once. */
  public static S3dbMetadata parse(String source, String json, String timeIndexColumn) {
    JsonNode root;
    try {
      root = MAPPER.readTree(json);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(source + ": not JSON: " + e.getOriginalMessage());
    }
    List<String> problems = new ArrayList<>();
    Map<String, S3dbColumnType> types = new LinkedHashMap<>();
    JsonNode typeMap = root.path("type_map");
    if (!typeMap.isObject() || typeMap.isEmpty()) {
      problems.add("type_map: missing or empty, expected {\"column\": \"int|float|str|bool\", ...}");
    } else {
      for (Iterator<Map.Entry<String, JsonNode>> it = typeMap.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> entry = it.next();
        S3dbColumnType type = S3dbColumnType.fromLabel(entry.getValue().asText()).orElse(null);
        if (type == null) {
          problems.add("type_map." + entry.getKey() + ": '" + entry.getValue().asText()
              + "' is not a type, expected int, float, str, bool or list");
        } else {
          types.put(entry.getKey(), type);
        }
      }
    }
    List<String> superkey = columns(root, "superkey", types, problems);
    // Real METADATA.json files name value columns that type_map does not (datasoup's offer curves): they are kept,
    // as text, where gather.jl reads them as the CSV holds them.
    List<String> valueKey = new ArrayList<>();
    root.path("value_key").forEach(column -> {
      valueKey.add(column.asText());
      if (!types.isEmpty()) {
        types.putIfAbsent(column.asText(), S3dbColumnType.STR);
      }
    });
    if (!root.path("value_key").isArray()) {
      problems.add("value_key: missing, expected a list of column names");
    }
    S3dbColumnType timeIndex = types.get(timeIndexColumn);
    if (typeMap.isObject() && !typeMap.has(timeIndexColumn)) {
      problems.add("type_map: has no time index column '" + timeIndexColumn + "'");
    } else if (timeIndex != null && timeIndex != S3dbColumnType.INT) {
      problems.add("type_map." + timeIndexColumn + ": the time index must be int (unix seconds), is " + timeIndex.label());
    }
    if (!problems.isEmpty()) {
      throw new IllegalArgumentException(source + ": " + String.join("; ", problems));
    }
    return new S3dbMetadata(types, superkey, valueKey, root.path("tags"));
  }

  private static List<String> columns(JsonNode root, String field, Map<String, S3dbColumnType> types,
      List<String> problems) {
    JsonNode node = root.path(field);
    List<String> columns = new ArrayList<>();
    if (!node.isArray()) {
      problems.add(field + ": missing, expected a list of column names");
      return columns;
    }
    for (JsonNode column : node) {
      if (!types.isEmpty() && !types.containsKey(column.asText())) {
        problems.add(field + ": '" + column.asText() + "' has no type in type_map");
      }
      columns.add(column.asText());
    }
    return columns;
  }
}
