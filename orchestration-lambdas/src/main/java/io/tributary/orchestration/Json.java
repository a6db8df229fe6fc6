package io.tributary.orchestration;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** The one JSON mapper of the orchestration, and small helpers to read required fields. */
public final class Json {
  public static final ObjectMapper MAPPER = new ObjectMapper();

  private Json() {}

  public static ObjectNode object() {
    return MAPPER.createObjectNode();
  }

  /** The text of a required field; the message names the field when it is missing. */
  public static String text(JsonNode node, String field) {
    JsonNode value = node.get(field);
    if (value == null || value.isNull() || !value.isTextual()) {
      throw new IllegalArgumentException("missing text field '" + field + "' in " + node);
    }
    return value.asText();
  }
}
