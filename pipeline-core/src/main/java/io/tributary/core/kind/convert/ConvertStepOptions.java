package io.tributary.core.kind.convert;

import io.tributary.core.kind.StepOptions;
import io.tributary.core.run.StepFlag;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A convert step's options: for a live-fill, the changed source objects (else the window is back-filled). */
public record ConvertStepOptions(List<String> changedObjects) implements StepOptions {
  public ConvertStepOptions {
    changedObjects = List.copyOf(changedObjects);
  }

  @Override
  public Map<StepFlag, String> flags() {
    Map<StepFlag, String> flags = new LinkedHashMap<>();
    if (!changedObjects.isEmpty()) {
      flags.put(StepFlag.CHANGED, String.join(",", changedObjects));
    }
    return flags;
  }
}
