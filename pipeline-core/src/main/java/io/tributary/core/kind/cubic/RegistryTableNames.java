package io.tributary.core.kind.cubic;

import java.util.Objects;

/**
 * The names of the Cubic registry's DynamoDB tables, as a deployment gives them to cubic-ingest steps and
 * triggers ({@link CubicSettings}).
 */
public record RegistryTableNames(String tables, String loads) {
  public RegistryTableNames {
    Objects.requireNonNull(tables, "tables");
    Objects.requireNonNull(loads, "loads");
    if (!tables.matches("[A-Za-z0-9_.-]{3,255}") || !loads.matches("[A-Za-z0-9_.-]{3,255}")) {
      throw new IllegalArgumentException("'" + tables + "," + loads + "' are not DynamoDB table names");
    }
  }

  /** The default names, as local runs create them: {@code tributary_cubic_tables}, {@code tributary_cubic_loads}. */
  public static RegistryTableNames defaults() {
    return new RegistryTableNames("tributary_cubic_tables", "tributary_cubic_loads");
  }

  @Override
  public String toString() {
    return tables + "," + loads;
  }
}
