package io.tributary.core.run;

import io.tributary.core.config.JobConfig;
import io.tributary.core.history.LoadedWindow;
import io.tributary.core.history.RunRecord;
import io.tributary.core.window.LoadWindow;
import java.util.List;

/** Runs one job for one window and reports what it did (locally: Spark in this JVM; on AWS: an EMR step). */
@FunctionalInterface
public interface WindowIngestion {

  /**
   * Ingests the window, replacing any earlier output of the same window; throws on failure, and
   * {@link WindowNotSettledException} when the source could still add to the window (nothing is written then).
   */
  RunRecord ingest(JobConfig job, LoadWindow window, String runId) throws Exception;

  /** As above, handed the job's {@code earlier} windows as history recorded them (for a kind that asks for them). */
  default RunRecord ingest(JobConfig job, LoadWindow window, String runId, List<LoadedWindow> earlier)
      throws Exception {
    return ingest(job, window, runId);
  }
}
