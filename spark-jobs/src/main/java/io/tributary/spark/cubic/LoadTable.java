package io.tributary.spark.cubic;

import io.tributary.core.kind.cubic.CubicLoad;
import java.util.List;

/** Loads as a text table: key, table, status, rows, reason. */
public final class LoadTable {
  private LoadTable() {}

  public static String render(List<CubicLoad> loads) {
    int keyWidth = Math.max(3, loads.stream().mapToInt(l -> l.key().length()).max().orElse(3));
    int tableWidth = Math.max(5, loads.stream().mapToInt(l -> l.table().length()).max().orElse(5));
    String format = "%-" + keyWidth + "s  %-" + tableWidth + "s  %-19s  %9s  %s%n";
    StringBuilder out = new StringBuilder(String.format(format, "KEY", "TABLE", "STATUS", "ROWS", "REASON"));
    for (CubicLoad load : loads) {
      out.append(String.format(format, load.key(), load.table(), load.status().label(),
          load.rows().map(String::valueOf).orElse("-"), load.reason().orElse("")));
    }
    return out.toString();
  }
}
