package io.tributary.local.deploy;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.yaml.snakeyaml.Yaml;

/**
 * The parameters a CloudFormation template declares, with their defaults, read from the template itself (the
 * intrinsic functions' short forms, {@code !Ref} and the like, read as the values they tag).
 */
public record TemplateParameters(Map<String, Optional<String>> defaults) {
  public TemplateParameters {
    defaults = Collections.unmodifiableMap(new LinkedHashMap<>(defaults)); // in the template's order
  }

  /** The parameters of the template at {@code template}. */
  public static TemplateParameters read(Path template) throws IOException {
    Map<?, ?> parsed;
    try (Reader reader = Files.newBufferedReader(template)) {
      parsed = new Yaml(new TagsAsValues()).load(reader);
    }
    Map<String, Optional<String>> defaults = new LinkedHashMap<>();
    if (parsed != null && parsed.get("Parameters") instanceof Map<?, ?> parameters) {
      parameters.forEach((name, declaration) -> defaults.put(name.toString(),
          declaration instanceof Map<?, ?> d && d.get("Default") != null
              ? Optional.of(d.get("Default").toString()) : Optional.empty()));
    }
    return new TemplateParameters(defaults);
  }

  /** Whether the template declares {@code name}. */
  public boolean declares(String name) {
    return defaults.containsKey(name);
  }

  /** {@code name}'s value: {@code given}'s if it has one, else the template's default. */
  public Optional<String> value(String name, Map<String, String> given) {
    return Optional.ofNullable(given.get(name)).or(() -> defaults.getOrDefault(name, Optional.empty()));
  }
}
