package io.tributary.local.deploy;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.yaml.snakeyaml.Yaml;

/**
 * The environment variables a CloudFormation template gives one Lambda function with literal values (those set by
 * {@code !Ref} and the like are the deployment's): what a local run of the function's package is started with, so it
 * runs as the stack configures it.
 */
public final class FunctionVariables {
  private FunctionVariables() {}

  /** The literal variables of {@code function} in the template at {@code template}. */
  public static Map<String, String> literal(Path template, String function) throws IOException {
    Map<?, ?> parsed;
    try (Reader reader = Files.newBufferedReader(template)) {
      parsed = new Yaml(new TagsAsValues()).load(reader);
    }
    Object variables = path(parsed, "Resources", function, "Properties", "Environment", "Variables");
    if (!(variables instanceof Map<?, ?> map)) {
      throw new IllegalArgumentException(template + " gives " + function + " no environment variables");
    }
    Map<String, String> literal = new LinkedHashMap<>();
    String text = Files.readString(template);
    map.forEach((name, value) -> {
      // A tagged value (!Ref X) reads as its argument: keep only those written as plain strings.
      if (value instanceof String string && text.contains(name + ": \"" + string + "\"")) {
        literal.put(name.toString(), string);
      }
    });
    return literal;
  }

  private static Object path(Object node, String... keys) {
    Object at = node;
    for (String key : keys) {
      at = at instanceof Map<?, ?> map ? map.get(key) : null;
    }
    return at;
  }
}
