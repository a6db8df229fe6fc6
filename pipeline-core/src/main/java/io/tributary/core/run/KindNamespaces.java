package io.tributary.core.run;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tributary.core.config.JobKind;
import io.tributary.core.kind.KindSettings;
import java.util.Map;
import java.util.TreeMap;

/**
 * Each job kind's own deployment settings, a namespace per kind keyed by its label
 * ({@code {"jdbc-ingest": {"codec": "zstd"}, "cubic-ingest": {"tables_table": "..."}}}), which only that kind's
 * definition reads. Every namespace is checked when this is built, so a bad setting fails the function or
 * command that reads it, naming the key, before any step is built.
 */
public record KindNamespaces(Map<String, Map<String, String>> kinds) {
  private static final ObjectMapper JSON = new ObjectMapper();

  public KindNamespaces {
    Map<String, Map<String, String>> copy = new TreeMap<>();
    kinds.forEach((label, settings) -> {
      JobKind kind = JobKind.fromLabel(label).orElseThrow(() -> new IllegalArgumentException("kind settings: '"
          + label + "' is not a job kind, expected one of " + JobKind.labels()));
      kind.definition().settings(settings);
      copy.put(label, Map.copyOf(settings));
    });
    kinds = Map.copyOf(copy);
  }

  /** No settings: every kind takes its defaults. */
  public static KindNamespaces defaults() {
    return new KindNamespaces(Map.of());
  }

  /**
   * Reads the namespaces from their JSON ({@code KIND_SETTINGS} in the stack's functions; null or blank for
   * the defaults); throws IllegalArgumentException saying what is wrong.
   */
  public static KindNamespaces parse(String json) {
    if (json == null || json.isBlank()) {
      return defaults();
    }
    try {
      return new KindNamespaces(JSON.readValue(json, new TypeReference<Map<String, Map<String, String>>>() {}));
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("kind settings: not a JSON object of objects of strings, e.g."
          + " {\"jdbc-ingest\": {\"codec\": \"zstd\"}}: " + e.getOriginalMessage(), e);
    }
  }

  /** The namespace of {@code kind}, as given (empty when nothing is set for it). */
  public Map<String, String> of(JobKind kind) {
    return kinds.getOrDefault(kind.label(), Map.of());
  }

  /** The settings of {@code kind}, typed. */
  public <O extends KindSettings> O settings(JobKind kind, Class<O> type) {
    return type.cast(kind.definition().settings(of(kind)));
  }

  /** These namespaces with {@code kind}'s replaced by {@code settings}. */
  public KindNamespaces with(JobKind kind, Map<String, String> settings) {
    Map<String, Map<String, String>> changed = new TreeMap<>(kinds);
    changed.put(kind.label(), settings);
    return new KindNamespaces(changed);
  }
}
