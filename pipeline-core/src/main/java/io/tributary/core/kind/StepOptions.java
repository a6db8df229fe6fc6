package io.tributary.core.kind;

import io.tributary.core.run.StepFlag;
import java.util.Map;

/** The settings a job kind adds to a step's arguments, typed; written as flags by {@link #flags}. */
public interface StepOptions {

  /** The options as flag values, in the order they are written; absent options are left out. */
  Map<StepFlag, String> flags();
}
