package io.tributary.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tributary.orchestration.Json;
import io.tributary.orchestration.aws.AwsApiModel;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One {@code aws} CLI command line, read as the CLI reads it (service, operation or waiter, one flag per member
 * of the operation's input, shorthand or JSON values) and checked against botocore's model of the service: the
 * operation exists, every flag is a member, the required members are given, and each value has its member's
 * type, enum and length. A value holding a shell variable or a {@code <placeholder>} is known only at run time.
 */
record AwsCliLine(String service, String command, List<String> words) {
  /** The CLI's own options, which take a value and are no member of any input. */
  static final Set<String> GLOBAL = Set.of("--query", "--output", "--region", "--profile", "--endpoint-url");
  /** Commands the CLI renames: {@code emr terminate-clusters} is {@code TerminateJobFlows} with its own flag. */
  static final Map<String, String> RENAMED = Map.of("emr terminate-clusters", "TerminateJobFlows");
  static final Map<String, String> RENAMED_FLAGS = Map.of("emr terminate-clusters --cluster-ids", "JobFlowIds");

  /** The command of {@code line}: {@code aws ...}, or the {@code $(aws ...)} an assignment runs. */
  static AwsCliLine parse(String line) {
    String command = line.contains("$(aws ") ? line.substring(line.indexOf("$(aws ") + 2, line.lastIndexOf(')'))
        : line;
    List<String> words = words(command);
    if (words.size() < 3 || !words.get(0).equals("aws")) {
      throw new IllegalArgumentException("not an aws command: " + line);
    }
    return new AwsCliLine(words.get(1), words.get(2), words.subList(3, words.size()));
  }

  /** The shell words of {@code line}: quotes removed, {@code $(...)} kept whole. */
  static List<String> words(String line) {
    List<String> words = new ArrayList<>();
    StringBuilder word = new StringBuilder();
    boolean inWord = false;
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (c == '\'' || c == '"') {
        int end = line.indexOf(c, i + 1);
        word.append(line, i + 1, end);
        i = end;
        inWord = true;
      } else if (c == '$' && i + 1 < line.length() && line.charAt(i + 1) == '(') {
        int end = line.indexOf(')', i);
        word.append(line, i, end + 1);
        i = end;
        inWord = true;
      } else if (Character.isWhitespace(c)) {
        if (inWord) {
          words.add(word.toString());
          word.setLength(0);
          inWord = false;
        }
      } else {
        word.append(c);
        inWord = true;
      }
    }
    if (inWord) {
      words.add(word.toString());
    }
    return words;
  }

  /** The flag the CLI gives a member: {@code TemplateURL} is {@code --template-url}, as botocore's xform_name. */
  static String flag(String member) {
    return "--" + member.replaceAll("(.)([A-Z][a-z]+)", "$1-$2").replaceAll("([a-z0-9])([A-Z])", "$1-$2")
        .toLowerCase();
  }

  /** botocore's name of the service: the CLI's {@code s3api} is its {@code s3}. */
  String model() {
    return service.equals("s3api") ? "s3" : service;
  }

  /** The operation the line calls: a waiter's polling operation for {@code wait}. */
  String operation(AwsApiModel api) {
    if (command.equals("wait")) {
      String waiter = pascal(words.get(0));
      return api.waiterOperation(waiter).orElseThrow(() -> new IllegalArgumentException("aws " + service
          + " wait: no waiter " + words.get(0)));
    }
    return RENAMED.getOrDefault(service + " " + command, pascal(command));
  }

  /** The request the line sends, as JSON of the operation's input shape. */
  ObjectNode request(AwsApiModel api, List<String> problems) {
    String input = api.inputOf(operation(api));
    Map<String, String> members = new HashMap<>();
    api.members(input).forEach(m -> members.put(flag(m), m));
    ObjectNode request = Json.object();
    List<String> flags = command.equals("wait") ? words.subList(1, words.size()) : words;
    for (int i = 0; i < flags.size(); i++) {
      String flag = flags.get(i);
      List<String> values = new ArrayList<>();
      while (i + 1 < flags.size() && !flags.get(i + 1).startsWith("--")) {
        values.add(flags.get(++i));
      }
      if (GLOBAL.contains(flag)) {
        continue;
      }
      String member = RENAMED_FLAGS.getOrDefault(service + " " + command + " " + flag, members.get(flag));
      boolean negated = member == null && flag.startsWith("--no-")
          && members.containsKey("--" + flag.substring("--no-".length()));
      if (negated) {
        member = members.get("--" + flag.substring("--no-".length()));
      }
      if (member == null) {
        problems.add(this + ": " + flag + " is no flag of " + input + " (its flags: " + members.keySet() + ")");
        continue;
      }
      String shape = api.memberShape(input, member);
      String type = api.typeOf(shape);
      if (type.equals("boolean")) {
        if (!values.isEmpty()) {
          problems.add(this + ": " + flag + " is a switch, given " + values);
        }
        request.put(member, !negated);
      } else if (values.isEmpty()) {
        problems.add(this + ": " + flag + " has no value");
      } else if (type.equals("list") && !values.get(0).startsWith("[")) {
        ArrayNode items = request.putArray(member);
        String item = api.listMember(shape);
        values.forEach(v -> items.add(value(api, item, v, problems)));
      } else if (values.size() > 1) {
        problems.add(this + ": " + flag + " takes one value, given " + values);
      } else {
        request.set(member, value(api, shape, values.get(0), problems));
      }
    }
    return request;
  }

  /** Every problem of the line against its service's model; none for a line the service takes. */
  List<String> problems() {
    AwsApiModel api = AwsApiModel.of(model());
    List<String> problems = new ArrayList<>();
    if (!command.equals("wait") && !api.hasOperation(operation(api))) {
      return List.of(this + ": " + model() + " has no operation " + operation(api));
    }
    ObjectNode request = request(api, problems);
    problems.addAll(api.problems(api.inputOf(operation(api)), request, toString()));
    return problems;
  }

  private JsonNode value(AwsApiModel api, String shape, String text, List<String> problems) {
    String type = api.typeOf(shape);
    boolean composite = type.equals("structure") || type.equals("map") || type.equals("list");
    if (composite && (text.startsWith("{") || text.startsWith("["))) {
      try {
        return Json.MAPPER.readTree(text);
      } catch (IOException e) {
        problems.add(this + ": not JSON: " + text);
        return AwsApiModel.UNKNOWN;
      }
    }
    if (type.equals("structure")) {
      ObjectNode fields = Json.object();
      for (String pair : text.split(",")) {
        int eq = pair.indexOf('=');
        if (eq < 0) {
          problems.add(this + ": '" + pair + "' of " + text + " is not Key=Value shorthand");
          continue;
        }
        String member = pair.substring(0, eq);
        String memberShape = api.members(shape).contains(member) ? api.memberShape(shape, member) : null;
        fields.set(member, memberShape == null ? Json.MAPPER.getNodeFactory().textNode(pair.substring(eq + 1))
            : value(api, memberShape, pair.substring(eq + 1), problems));
      }
      return fields;
    }
    if (text.contains("$") || text.contains("<")) {
      return AwsApiModel.UNKNOWN;
    }
    return switch (type) {
      case "integer", "long" -> Json.MAPPER.getNodeFactory().numberNode(Long.parseLong(text));
      case "boolean" -> Json.MAPPER.getNodeFactory().booleanNode(Boolean.parseBoolean(text));
      case "blob" -> AwsApiModel.UNKNOWN; // a file's content, read by the CLI
      default -> Json.MAPPER.getNodeFactory().textNode(text);
    };
  }

  private static String pascal(String kebab) {
    StringBuilder name = new StringBuilder();
    for (String part : kebab.split("-")) {
      name.append(Character.toUpperCase(part.charAt(0))).append(part.substring(1));
    }
    return name.toString();
  }

  @Override
  public String toString() {
    return "aws " + service + " " + command + (command.equals("wait") ? " " + words.get(0) : "");
  }
}
