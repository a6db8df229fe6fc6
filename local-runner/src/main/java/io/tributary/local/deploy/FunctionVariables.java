package io.tributary.local.deploy;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;

/**
 * The environment variables a CloudFormation template gives one Lambda function with literal values (those set by
 * {@code !Ref} and the like are the deployment's): what a local run of the function's package is started with, so it
 * runs as the stack configures it.
 */
public final class FunctionVariables {
  private FunctionVariables() {}

  /** The literal variables of {@code function} in the template at {@code template}. */
  public static Map<String, String> literal(Path template, String function) throws IOException {
    Node root;
    try (Reader reader = Files.newBufferedReader(template)) {
      root = new Yaml(new LoaderOptions()).compose(reader);
    }
    MappingNode variables = child(root, "Resources").flatMap(n -> child(n, function))
        .flatMap(n -> child(n, "Properties")).flatMap(n -> child(n, "Environment")).flatMap(n -> child(n, "Variables"))
        .filter(MappingNode.class::isInstance).map(MappingNode.class::cast)
        .orElseThrow(() -> new IllegalArgumentException(template + " gives " + function + " no environment variables"));
    Map<String, String> literal = new LinkedHashMap<>();
    for (NodeTuple variable : variables.getValue()) {
      // A tagged value (!Ref X, !GetAtt ...) is the deployment's: keep plain strings and numbers only.
      if (variable.getValueNode() instanceof ScalarNode value && !value.getTag().getValue().startsWith("!")
          && variable.getKeyNode() instanceof ScalarNode name) {
        literal.put(name.getValue(), value.getValue());
      }
    }
    return literal;
  }

  private static Optional<Node> child(Node node, String key) {
    if (!(node instanceof MappingNode mapping)) {
      return Optional.empty();
    }
    return mapping.getValue().stream().filter(t -> t.getKeyNode() instanceof ScalarNode k && k.getValue().equals(key))
        .map(NodeTuple::getValueNode).findFirst();
  }
}
