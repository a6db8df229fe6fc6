package io.tributary.local.deploy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.Collection;
import java.util.Map;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.SdkField;
import software.amazon.awssdk.core.SdkPojo;
import software.amazon.awssdk.core.util.SdkAutoConstructList;
import software.amazon.awssdk.core.util.SdkAutoConstructMap;

/**
 * An AWS SDK request as JSON named as the service's API model names its members ({@code StackName},
 * {@code Parameters[0].ParameterKey}): what {@code --dry-run} prints, and what the tests check against the model.
 * Fields that are not set are left out.
 */
public final class RequestJson {
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private RequestJson() {}

  /** {@code pojo}'s set fields. */
  public static ObjectNode of(SdkPojo pojo) {
    ObjectNode json = NODES.objectNode();
    for (SdkField<?> field : pojo.sdkFields()) {
      Object value = field.getValueOrDefault(pojo);
      if (isSet(value)) {
        json.set(field.memberName(), value(value));
      }
    }
    return json;
  }

  /** One line of {@code pojo}'s JSON. */
  public static String line(SdkPojo pojo) {
    try {
      return MAPPER.writeValueAsString(of(pojo));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private static boolean isSet(Object value) {
    return value != null && !(value instanceof SdkAutoConstructList) && !(value instanceof SdkAutoConstructMap);
  }

  private static JsonNode value(Object value) {
    if (value instanceof SdkPojo pojo) {
      return of(pojo);
    }
    if (value instanceof Collection<?> items) {
      ArrayNode array = NODES.arrayNode();
      items.forEach(item -> array.add(value(item)));
      return array;
    }
    if (value instanceof Map<?, ?> entries) {
      ObjectNode map = NODES.objectNode();
      entries.forEach((k, v) -> map.set(k.toString(), value(v)));
      return map;
    }
    if (value instanceof Boolean b) {
      return NODES.booleanNode(b);
    }
    if (value instanceof Integer i) {
      return NODES.numberNode(i);
    }
    if (value instanceof Long l) {
      return NODES.numberNode(l);
    }
    if (value instanceof Instant instant) {
      return NODES.textNode(instant.toString());
    }
    if (value instanceof SdkBytes bytes) {
      return NODES.textNode(bytes.asUtf8String());
    }
    return NODES.textNode(value.toString());
  }
}
