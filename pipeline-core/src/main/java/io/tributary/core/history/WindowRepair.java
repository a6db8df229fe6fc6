package io.tributary.core.history;

import io.tributary.core.window.LoadWindow;
import java.util.Objects;

/**
 * An earlier window that a run found changed at its source and loaded again, replacing its output: the rows
 * history had for it, and the new run's record (under run id {@code runId}).
 */
public record WindowRepair(LoadWindow window, String runId, long rowsBefore, RunRecord after) {
  public WindowRepair {
    Objects.requireNonNull(window, "window");
    Objects.requireNonNull(runId, "runId");
    Objects.requireNonNull(after, "after");
  }
}
