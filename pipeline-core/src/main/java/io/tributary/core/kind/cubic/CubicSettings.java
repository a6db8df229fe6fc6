package io.tributary.core.kind.cubic;

import io.tributary.core.kind.KindSettings;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * A deployment's settings of cubic-ingest jobs: the Cubic registry's DynamoDB tables, {@code tables_table} and
 * {@code loads_table} (defaults: the local runs' names, {@link RegistryTableNames#defaults}).
 */
public record CubicSettings(RegistryTableNames registry) implements KindSettings {
  public static final String TABLES_TABLE = "tables_table";
  public static final String LOADS_TABLE = "loads_table";

  public CubicSettings {
    Objects.requireNonNull(registry, "registry");
  }

  /** Reads the kind's namespace; throws naming the key at fault. */
  static CubicSettings read(String kind, Map<String, String> settings) {
    KindSettings.requireKnown(kind, settings, Set.of(TABLES_TABLE, LOADS_TABLE));
    RegistryTableNames defaults = RegistryTableNames.defaults();
    try {
      return new CubicSettings(new RegistryTableNames(settings.getOrDefault(TABLES_TABLE, defaults.tables()),
          settings.getOrDefault(LOADS_TABLE, defaults.loads())));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(kind + "." + TABLES_TABLE + "/" + LOADS_TABLE + ": " + e.getMessage(), e);
    }
  }
}
