package io.tributary.core.window;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The windows of a back-fill: consecutive windows of the job's window length from {@code from}, the last
 * ending at or before {@code to}. They must lie before the job's live window: a back-filled window at or
 * past it would be loaded again, or block the live schedule.
 */
public final class BackfillWindows {
  private BackfillWindows() {}

  public static List<LoadWindow> of(LoadWindow live, Instant from, Instant to) {
    if (!from.isBefore(to)) {
      throw new IllegalArgumentException("--from " + WindowTime.format(from) + " must be before --to " + WindowTime.format(to));
    }
    if (to.isAfter(live.start())) {
      throw new IllegalArgumentException("--to " + WindowTime.format(to) + " is past the job's live window start "
          + WindowTime.format(live.start()) + "; back-fill only windows the schedule has passed");
    }
    List<LoadWindow> windows = new ArrayList<>();
    LoadWindow window = new LoadWindow(from, from.plus(live.length()));
    while (!window.stop().isAfter(to)) {
      windows.add(window);
      window = window.next();
    }
    if (windows.isEmpty()) {
      throw new IllegalArgumentException("no whole window of " + live.length() + " fits between --from and --to");
    }
    return windows;
  }
}
