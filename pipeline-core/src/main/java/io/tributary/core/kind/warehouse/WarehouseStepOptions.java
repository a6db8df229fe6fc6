package io.tributary.core.kind.warehouse;

import io.tributary.core.kind.StepOptions;
import io.tributary.core.run.StepFlag;
import java.util.Map;

/** A warehouse-load step takes nothing beyond its job row and window (its credentials' source is in the row). */
public record WarehouseStepOptions() implements StepOptions {
  @Override
  public Map<StepFlag, String> flags() {
    return Map.of();
  }
}
