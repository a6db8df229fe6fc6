package io.tributary.core.window;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Which windows of a job are due at a given time. A window is due once it has closed ({@code stop <=
 * now}): pulling an open window would miss the rows that arrive after the pull. When the schedule has
 * fallen behind, the due windows are consecutive, oldest first, at most {@code maxPerRun} of them.
 */
public final class DueWindows {
  private DueWindows() {}

  /** The windows to run now, starting with {@code current}, in order. */
  public static List<LoadWindow> of(LoadWindow current, Instant now, int maxPerRun) {
    if (maxPerRun < 1) {
      throw new IllegalArgumentException("maxPerRun must be at least 1, was " + maxPerRun);
    }
    List<LoadWindow> due = new ArrayList<>();
    LoadWindow window = current;
    while (due.size() < maxPerRun && !window.stop().isAfter(now)) {
      due.add(window);
      window = window.next();
    }
    return due;
  }
}
