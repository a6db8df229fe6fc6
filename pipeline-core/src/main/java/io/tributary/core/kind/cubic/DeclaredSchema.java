package io.tributary.core.kind.cubic;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The columns a job declares for a DMAP or Kafka table ({@code schema.<table>=name:type,...} in its options),
 * in order. Types: {@code str}, {@code int}, {@code bigint}, {@code float}, {@code bool}, {@code date},
 * {@code timestamp} and {@code decimal_P_S} (a comma would end the column, so not {@code decimal(P,S)}).
 */
public record DeclaredSchema(List<Column> columns) {
  private static final Map<String, String> TYPES = Map.of("str", "string", "int", "int", "bigint", "bigint",
      "float", "double", "bool", "boolean", "date", "date", "timestamp", "timestamp");

  /** One declared column: its lake name (lower case) and Spark SQL type. */
  public record Column(String name, String sqlType) {}

  public DeclaredSchema {
    columns = List.copyOf(columns);
  }

  /** Reads {@code name:type,...}; throws naming the bad column. */
  public static DeclaredSchema parse(String text) {
    List<Column> columns = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (String part : text.split(",")) {
      String[] pair = part.trim().split(":");
      if (pair.length != 2 || !pair[0].matches("[A-Za-z_][A-Za-z0-9_]*")) {
        throw new IllegalArgumentException("'" + part.trim() + "' is not name:type");
      }
      String name = pair[0].toLowerCase(Locale.ROOT);
      if (!seen.add(name)) {
        throw new IllegalArgumentException("column " + name + " is declared twice");
      }
      columns.add(new Column(name, sqlType(pair[1].trim())));
    }
    return new DeclaredSchema(columns);
  }

  private static String sqlType(String type) {
    if (TYPES.containsKey(type)) {
      return TYPES.get(type);
    }
    if (type.matches("decimal_\\d{1,2}_\\d{1,2}")) {
      String[] parts = type.split("_");
      int precision = Integer.parseInt(parts[1]);
      int scale = Integer.parseInt(parts[2]);
      if (precision >= 1 && precision <= 38 && scale <= precision) {
        return "decimal(" + precision + "," + scale + ")";
      }
    }
    throw new IllegalArgumentException("type '" + type + "' is not one of str, int, bigint, float, bool, date,"
        + " timestamp, decimal_P_S");
  }

  /** As the options hold it. */
  public String option() {
    return columns.stream().map(c -> c.name() + ":" + option(c.sqlType())).collect(Collectors.joining(","));
  }

  private static String option(String sqlType) {
    return TYPES.entrySet().stream().filter(e -> e.getValue().equals(sqlType)).map(Map.Entry::getKey).findFirst()
        .orElseGet(() -> sqlType.replace("decimal(", "decimal_").replace(",", "_").replace(")", ""));
  }
}
