package io.tributary.core.kind.warehouse;

import java.util.Locale;

/**
 * How the lake lays out the windows a warehouse load reads from another job: a jdbc-ingest job's RAW zone
 * ({@code load_date=YYYY-MM-DD/}), or a convert job's Athena layout ({@code year=/month=/day=[/hour=]}).
 */
public enum LakeLayout {
  RAW,
  ATHENA;

  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static LakeLayout parse(String text) {
    for (LakeLayout layout : values()) {
      if (layout.label().equals(text)) {
        return layout;
      }
    }
    throw new IllegalArgumentException("'" + text + "' is not a lake layout, expected raw or athena");
  }
}
