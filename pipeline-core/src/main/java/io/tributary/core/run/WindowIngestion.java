package io.tributary.core.run;

import io.tributary.core.config.JobConfig;
import io.tributary.core.history.RunRecord;
import io.tributary.core.window.LoadWindow;

/** Runs one job for one window and reports what it did (locally: Spark in this JVM; on AWS: an EMR step). */
@FunctionalInterface
public interface WindowIngestion {

  /** Ingests the window, replacing any earlier output of the same window; throws on failure. */
  RunRecord ingest(JobConfig job, LoadWindow window, String runId) throws Exception;
}
