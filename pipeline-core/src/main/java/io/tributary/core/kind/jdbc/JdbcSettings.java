package io.tributary.core.kind.jdbc;

import io.tributary.core.kind.KindSettings;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/** A deployment's settings of jdbc-ingest jobs: {@code codec}, the RAW zone's Parquet codec (default snappy). */
public record JdbcSettings(ParquetCodec codec) implements KindSettings {
  /** The key of the codec in the kind's namespace. */
  public static final String CODEC = "codec";

  public JdbcSettings {
    Objects.requireNonNull(codec, "codec");
  }

  /** Reads the kind's namespace; throws naming the key at fault. */
  static JdbcSettings read(String kind, Map<String, String> settings) {
    KindSettings.requireKnown(kind, settings, Set.of(CODEC));
    try {
      return new JdbcSettings(ParquetCodec.parse(settings.getOrDefault(CODEC, "snappy")));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(kind + "." + CODEC + ": " + e.getMessage(), e);
    }
  }
}
