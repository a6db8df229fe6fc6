package io.tributary.core.history;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import java.util.ArrayList;
import java.util.List;

/** A source schema as stored text: a JSON array of {@code [name, type]} pairs, so any column name survives. */
public final class SourceSchemaText {
  private static final ObjectMapper JSON = new ObjectMapper();

  private SourceSchemaText() {}

  /** The columns as JSON text. */
  public static String write(List<SourceColumn> columns) {
    return toJson(columns).toString();
  }

  /** The columns as a JSON array node. */
  public static ArrayNode toJson(List<SourceColumn> columns) {
    ArrayNode array = JSON.createArrayNode();
    columns.forEach(c -> array.addArray().add(c.name()).add(c.type()));
    return array;
  }

  /** Reads text written by {@link #write}; throws IllegalArgumentException when it is not such an array. */
  public static List<SourceColumn> read(String text) {
    try {
      return fromJson(JSON.readTree(text));
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("source schema is not JSON: " + e.getOriginalMessage(), e);
    }
  }

  /** Reads an array node written by {@link #toJson}; a missing node is no columns. */
  public static List<SourceColumn> fromJson(JsonNode array) {
    List<SourceColumn> columns = new ArrayList<>();
    if (array == null || array.isMissingNode() || array.isNull()) {
      return columns;
    }
    if (!array.isArray()) {
      throw new IllegalArgumentException("source schema: expected an array of [name, type] pairs");
    }
    for (JsonNode pair : array) {
      if (!pair.isArray() || pair.size() != 2) {
        throw new IllegalArgumentException("source schema: " + pair + " is not a [name, type] pair");
      }
      columns.add(new SourceColumn(pair.get(0).asText(), pair.get(1).asText()));
    }
    return columns;
  }
}
