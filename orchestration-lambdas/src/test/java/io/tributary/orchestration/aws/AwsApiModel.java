package io.tributary.orchestration.aws;

import com.fasterxml.jackson.databind.JsonNode;
import io.tributary.orchestration.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * One AWS service's API model as botocore ships it ({@code botocore/data/<service>/<version>/service-2.json}, Debian's
 * {@code python3-botocore}): its operations and shapes, and the problems of a request against a shape (unknown
 * field names, wrong types, missing required fields, values outside an enum or a range).
 */
public final class AwsApiModel {
  /** Where the build finds botocore's data: installed, or unpacked by {@code cloudformation/aws-models.sh}. */
  static final List<Path> DATA = List.of(Path.of("/usr/lib/python3/dist-packages/botocore/data"),
      Path.of("target", "botocore", "usr", "lib", "python3", "dist-packages", "botocore", "data"),
      Path.of("..", "orchestration-lambdas", "target", "botocore", "usr", "lib", "python3", "dist-packages", "botocore",
          "data"));

  private final String service;
  private final JsonNode model;
  private final JsonNode waiters;

  private AwsApiModel(String service, JsonNode model, JsonNode waiters) {
    this.service = service;
    this.model = model;
    this.waiters = waiters;
  }

  /** The newest model of {@code service} (botocore's directory name, such as {@code emr}). */
  public static AwsApiModel of(String service) {
    Path data = DATA.stream().filter(Files::isDirectory).findFirst().orElseThrow(() -> new IllegalStateException(
        "botocore's API models are not installed at " + DATA + ": run cloudformation/aws-models.sh (the build does)"));
    try (Stream<Path> versions = Files.list(data.resolve(service))) {
      Path newest = versions.filter(Files::isDirectory).max(Path::compareTo)
          .orElseThrow(() -> new IllegalStateException("no model of " + service + " in " + data));
      Path waiters = newest.resolve("waiters-2.json");
      return new AwsApiModel(service, Json.MAPPER.readTree(newest.resolve("service-2.json").toFile()),
          Files.exists(waiters) ? Json.MAPPER.readTree(waiters.toFile()) : Json.object());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Whether the service has the operation {@code name} (such as {@code RunJobFlow}). */
  public boolean hasOperation(String name) {
    return model.path("operations").has(name);
  }

  /** The name of the input shape of {@code operation}. */
  public String inputOf(String operation) {
    JsonNode input = model.path("operations").path(operation).path("input").path("shape");
    if (input.isMissingNode()) {
      throw new IllegalArgumentException(service + " has no operation " + operation);
    }
    return input.asText();
  }

  /** The operation the waiter {@code name} (such as {@code StackCreateComplete}) polls; empty if there is none. */
  public Optional<String> waiterOperation(String name) {
    JsonNode operation = waiters.path("waiters").path(name).path("operation");
    return operation.isMissingNode() ? Optional.empty() : Optional.of(operation.asText());
  }

  /** The type of {@code shape}: structure, list, map, string, integer, long, boolean, timestamp, blob... */
  public String typeOf(String shape) {
    return shape(shape).path("type").asText();
  }

  /** The member names of the structure {@code shape}. */
  public Set<String> members(String shape) {
    Set<String> names = new HashSet<>();
    shape(shape).path("members").fieldNames().forEachRemaining(names::add);
    return names;
  }

  /** The shape name of member {@code member} of structure {@code shape}. */
  public String memberShape(String shape, String member) {
    return shape(shape).path("members").path(member).path("shape").asText();
  }

  /** The member shape of the list shape {@code listShape}. */
  public String listMember(String listShape) {
    return shape(listShape).path("member").path("shape").asText();
  }

  /**
   * Every problem of {@code value} as the shape {@code shape}; {@code where} names it in the messages. A field
   * whose value is not known until run time ({@link #UNKNOWN}) counts as present and is not type-checked.
   */
  public List<String> problems(String shape, JsonNode value, String where) {
    List<String> problems = new ArrayList<>();
    check(shape, value, where, problems);
    return problems;
  }

  /** The stand-in for a value known only at run time (a path into the state or the context object). */
  public static final JsonNode UNKNOWN = Json.MAPPER.getNodeFactory().textNode("\u0000unknown");

  private JsonNode shape(String name) {
    JsonNode shape = model.path("shapes").path(name);
    if (shape.isMissingNode()) {
      throw new IllegalArgumentException(service + " has no shape " + name);
    }
    return shape;
  }

  private void check(String shapeName, JsonNode value, String where, List<String> problems) {
    if (value == UNKNOWN) {
      return;
    }
    JsonNode shape = shape(shapeName);
    String type = shape.path("type").asText();
    switch (type) {
      case "structure" -> {
        if (!value.isObject()) {
          problems.add(where + ": " + shapeName + " is a structure, not " + value.getNodeType());
          return;
        }
        JsonNode members = shape.path("members");
        for (Iterator<String> names = value.fieldNames(); names.hasNext(); ) {
          String name = names.next();
          if (!members.has(name)) {
            problems.add(where + "." + name + ": not a field of " + shapeName + " (its fields: " + members(shapeName) + ")");
          } else {
            check(members.path(name).path("shape").asText(), value.get(name), where + "." + name, problems);
          }
        }
        shape.path("required").forEach(required -> {
          if (!value.has(required.asText())) {
            problems.add(where + ": " + shapeName + " requires " + required.asText());
          }
        });
      }
      case "list" -> {
        if (!value.isArray()) {
          problems.add(where + ": " + shapeName + " is a list, not " + value.getNodeType());
          return;
        }
        range(shape, value.size(), where, "items", problems);
        for (int i = 0; i < value.size(); i++) {
          check(shape.path("member").path("shape").asText(), value.get(i), where + "[" + i + "]", problems);
        }
      }
      case "map" -> {
        if (!value.isObject()) {
          problems.add(where + ": " + shapeName + " is a map, not " + value.getNodeType());
          return;
        }
        value.fields().forEachRemaining(entry ->
            check(shape.path("value").path("shape").asText(), entry.getValue(), where + "." + entry.getKey(), problems));
      }
      case "string" -> {
        if (!value.isTextual()) {
          problems.add(where + ": " + shapeName + " is a string, not " + value.getNodeType());
          return;
        }
        range(shape, value.asText().length(), where, "characters", problems);
        if (shape.has("enum")) {
          Set<String> allowed = new HashSet<>();
          shape.path("enum").forEach(e -> allowed.add(e.asText()));
          if (!allowed.contains(value.asText())) {
            problems.add(where + ": '" + value.asText() + "' is not one of " + allowed);
          }
        }
      }
      case "integer", "long" -> {
        if (!value.isIntegralNumber()) {
          problems.add(where + ": " + shapeName + " is an " + type + ", not " + value.getNodeType());
          return;
        }
        range(shape, value.asLong(), where, "", problems);
      }
      case "boolean" -> {
        if (!value.isBoolean()) {
          problems.add(where + ": " + shapeName + " is a boolean, not " + value.getNodeType());
        }
      }
      case "double", "float" -> {
        if (!value.isNumber()) {
          problems.add(where + ": " + shapeName + " is a number, not " + value.getNodeType());
        }
      }
      case "timestamp" -> {
        if (!value.isTextual() && !value.isNumber()) {
          problems.add(where + ": " + shapeName + " is a timestamp, not " + value.getNodeType());
        }
      }
      case "blob" -> {
        // Step Functions' integrations take JSON for a blob (a Lambda Payload): any value.
      }
      default -> problems.add(where + ": shape " + shapeName + " has type " + type + ", unknown to this check");
    }
  }

  private static void range(JsonNode shape, long size, String where, String unit, List<String> problems) {
    if (shape.has("min") && size < shape.get("min").asLong()) {
      problems.add(where + ": " + size + " " + unit + ", under the minimum " + shape.get("min").asLong());
    }
    if (shape.has("max") && size > shape.get("max").asLong()) {
      problems.add(where + ": " + size + " " + unit + ", over the maximum " + shape.get("max").asLong());
    }
  }
}
