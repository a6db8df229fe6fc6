package io.tributary.core.kind;

import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * A job kind's own deployment settings, typed: what a deployment gives every step of the kind (the RAW zone's
 * codec, the Cubic registry's tables). The kind's definition reads them from its namespace of the
 * deployment's settings ({@link JobKindDefinition#settings}), with the same checks wherever they are read.
 */
public interface KindSettings {

  /**
   * Checks that {@code settings} holds only {@code known} keys; throws IllegalArgumentException naming the first
   * unknown one and the known ones.
   */
  static void requireKnown(String kind, Map<String, String> settings, Set<String> known) {
    for (String key : new TreeSet<>(settings.keySet())) {
      if (!known.contains(key)) {
        throw new IllegalArgumentException(kind + "." + key + ": not a setting of " + kind + " jobs, expected "
            + (known.isEmpty() ? "none" : "one of " + new TreeSet<>(known)));
      }
    }
  }
}
