package io.tributary.core.testing;

import io.tributary.core.config.JobConfig;
import io.tributary.core.history.RunRecord;
import io.tributary.core.run.WindowIngestion;
import io.tributary.core.window.LoadWindow;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A window ingestion without Spark: "writes" each window into a map (a re-run replaces it, as a window
 * commit does), counts runs, and fails the windows it is told to.
 */
public final class RecordingIngestion implements WindowIngestion {
  private final Map<LoadWindow, String> lake = new LinkedHashMap<>();
  private final List<LoadWindow> runs = new ArrayList<>();
  private final Set<LoadWindow> failing = new HashSet<>();

  /** Makes every run of {@code window} fail. */
  public RecordingIngestion failing(LoadWindow window) {
    failing.add(window);
    return this;
  }

  @Override
  public synchronized RunRecord ingest(JobConfig job, LoadWindow window, String runId) {
    runs.add(window);
    if (failing.contains(window)) {
      throw new IllegalStateException("source unreachable for " + window);
    }
    lake.put(window, runId);
    return new RunRecord(10, 10, 1000, Optional.empty(), Optional.empty(), Duration.ofSeconds(1),
        "mem://" + job.name() + "/" + window.start());
  }

  /** Each window in the lake, with the run that wrote it last. */
  public synchronized Map<LoadWindow, String> lake() {
    return Map.copyOf(lake);
  }

  /** Every window run, in order (re-runs included). */
  public synchronized List<LoadWindow> runs() {
    return List.copyOf(runs);
  }
}
