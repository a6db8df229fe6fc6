package io.tributary.core.kind;

import java.util.Map;
import java.util.Set;

/** The settings of a kind that takes none from its deployment. */
public record NoSettings() implements KindSettings {

  /** Reads an empty namespace; throws naming any key it holds. */
  public static NoSettings read(String kind, Map<String, String> settings) {
    KindSettings.requireKnown(kind, settings, Set.of());
    return new NoSettings();
  }
}
