package io.tributary.core.run;

import io.tributary.core.kind.jdbc.ParquetCodec;
import io.tributary.core.secret.SecretSourceSpec;
import java.util.List;
import java.util.Objects;

/**
 * What a deployment and an execution give a window's step besides the job and window: where secrets come
 * from, the RAW zone's Parquet codec, and for a live-fill the changed source objects. Each kind takes what
 * applies to it.
 */
public record StepContext(SecretSourceSpec secrets, ParquetCodec codec, List<String> changedObjects) {
  public StepContext {
    Objects.requireNonNull(secrets, "secrets");
    Objects.requireNonNull(codec, "codec");
    changedObjects = List.copyOf(changedObjects);
  }
}
