package io.tributary.core.history;

import io.tributary.core.window.LoadWindow;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A window as history last loaded it: the rows its latest successful run read and what that run saw of its
 * source. A step is handed the job's last few, to count them again at the source and to compare schemas.
 */
public record LoadedWindow(LoadWindow window, long rows, SourceSnapshot source) {
  public LoadedWindow {
    Objects.requireNonNull(window, "window");
    Objects.requireNonNull(source, "source");
  }

  /**
   * The latest {@code count} windows of {@code runs} (any order) that start before {@code before}, each as its newest
   * successful run recorded it, newest window first.
   */
  public static List<LoadedWindow> latest(List<JobRun> runs, LoadWindow before, int count) {
    Map<LoadWindow, JobRun> newest = new LinkedHashMap<>();
    for (JobRun run : runs) {
      if (run.status() == RunStatus.SUCCEEDED && run.result().isPresent()
          && run.window().start().isBefore(before.start())) {
        newest.merge(run.window(), run, (a, b) -> endedLater(a, b) ? a : b);
      }
    }
    List<JobRun> ordered = new ArrayList<>(newest.values());
    ordered.sort((a, b) -> b.window().start().compareTo(a.window().start()));
    return ordered.stream().limit(count)
        .map(r -> new LoadedWindow(r.window(), r.result().get().rowsRead(), r.result().get().source()))
        .toList();
  }

  private static boolean endedLater(JobRun a, JobRun b) {
    return a.endedAt().orElse(a.startedAt()).compareTo(b.endedAt().orElse(b.startedAt())) >= 0;
  }
}
