package io.tributary.core.kind.cubic;

import io.tributary.core.kind.StepOptions;
import io.tributary.core.run.StepFlag;
import java.util.Map;
import java.util.Objects;

/** A cubic-ingest step's settings beyond its job row: the deployment's Cubic registry tables. */
public record CubicStepOptions(RegistryTableNames registry) implements StepOptions {
  public CubicStepOptions {
    Objects.requireNonNull(registry, "registry");
  }

  @Override
  public Map<StepFlag, String> flags() {
    return Map.of(StepFlag.CUBIC_REGISTRY, registry.toString());
  }
}
