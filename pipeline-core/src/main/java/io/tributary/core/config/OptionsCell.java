package io.tributary.core.config;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The {@code key=value;...} cell of a job's options, split once for every kind that has one. */
final class OptionsCell {
  private OptionsCell() {}

  /** The options of {@code cell} by key; an unknown key, a pair without '=' or a key given twice is a problem. */
  static Map<String, String> parse(String cell, Set<String> keys, List<String> problems) {
    Map<String, String> options = new LinkedHashMap<>();
    for (String pair : cell.split(";")) {
      if (pair.isBlank()) {
        continue;
      }
      int eq = pair.indexOf('=');
      String key = eq < 0 ? pair.trim() : pair.substring(0, eq).trim();
      if (eq < 0 || !keys.contains(key)) {
        problems.add("'" + pair.trim() + "' is not key=value with a key of " + keys.stream().sorted().toList());
      } else if (options.put(key, pair.substring(eq + 1).trim()) != null) {
        problems.add(key + ": given twice");
      }
    }
    return options;
  }
}
