package io.tributary.core.run;

import io.tributary.core.history.RunRecord;
import io.tributary.core.window.LoadWindow;
import java.util.Optional;

/** What happened to one due window in a run. */
public record WindowOutcome(
    String jobName, LoadWindow window, Result result, Optional<RunRecord> record, Optional<String> error) {

  /** The kinds of outcome. */
  public enum Result {
    SUCCEEDED,
    FAILED,
    /** The source could still add rows to the window; nothing was loaded and the job stays on it. */
    WAITING,
    /** Another run held the window; this run left it alone. */
    SKIPPED_BUSY
  }
}
