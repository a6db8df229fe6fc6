package io.tributary.core.run;

import io.tributary.core.kind.cubic.RegistryTableNames;
import io.tributary.core.kind.jdbc.ParquetCodec;
import io.tributary.core.secret.SecretSourceSpec;
import java.util.List;
import java.util.Objects;

/**
 * What a deployment and an execution give a window's step besides the job and window: where secrets come
 * from, the RAW zone's Parquet codec, for a live-fill the changed source objects, and the Cubic registry's
 * tables. Each kind takes what applies to it.
 */
public record StepContext(SecretSourceSpec secrets, ParquetCodec codec, List<String> changedObjects,
    RegistryTableNames cubicRegistry) {
  public StepContext {
    Objects.requireNonNull(secrets, "secrets");
    Objects.requireNonNull(codec, "codec");
    changedObjects = List.copyOf(changedObjects);
    Objects.requireNonNull(cubicRegistry, "cubicRegistry");
  }

  /** A context with the Cubic registry's default table names. */
  public StepContext(SecretSourceSpec secrets, ParquetCodec codec, List<String> changedObjects) {
    this(secrets, codec, changedObjects, RegistryTableNames.defaults());
  }
}
