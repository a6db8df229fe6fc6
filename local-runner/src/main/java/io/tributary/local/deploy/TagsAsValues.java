package io.tributary.local.deploy;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.constructor.AbstractConstruct;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/** SnakeYAML's safe constructor for CloudFormation: a node of an unknown tag ({@code !Sub ...}) read as its value. */
final class TagsAsValues extends SafeConstructor {
  TagsAsValues() {
    super(new LoaderOptions());
    yamlConstructors.put(null, new AbstractConstruct() {
      @Override
      public Object construct(Node node) {
        if (node instanceof ScalarNode scalar) {
          return scalar.getValue();
        }
        if (node instanceof SequenceNode sequence) {
          return constructSequence(sequence);
        }
        return constructMapping((MappingNode) node);
      }
    });
  }
}
