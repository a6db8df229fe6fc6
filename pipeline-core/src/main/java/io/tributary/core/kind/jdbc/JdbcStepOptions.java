package io.tributary.core.kind.jdbc;

import io.tributary.core.kind.StepOptions;
import io.tributary.core.run.StepFlag;
import io.tributary.core.secret.SecretSourceSpec;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/** A jdbc-ingest step's options: where the database credentials come from, and the RAW zone's codec. */
public record JdbcStepOptions(SecretSourceSpec secrets, ParquetCodec codec) implements StepOptions {
  public JdbcStepOptions {
    Objects.requireNonNull(secrets, "secrets");
    Objects.requireNonNull(codec, "codec");
  }

  @Override
  public Map<StepFlag, String> flags() {
    Map<StepFlag, String> flags = new LinkedHashMap<>();
    flags.put(StepFlag.SECRET_SOURCE, secrets.toString());
    flags.put(StepFlag.CODEC, codec.name().toLowerCase(Locale.ROOT));
    return flags;
  }
}
