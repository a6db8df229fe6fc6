package io.tributary.spark;

import io.tributary.aws.dynamodb.DynamoDbCubicRegistry;
import io.tributary.core.config.CubicSource;
import io.tributary.core.config.JobKind;
import io.tributary.core.history.RunRecord;
import io.tributary.core.catalog.LakeCatalog;
import io.tributary.core.kind.cubic.CubicRegistry;
import io.tributary.core.kind.cubic.CubicSettings;
import io.tributary.core.kind.cubic.LoadStatus;
import io.tributary.core.run.StepDocument;
import io.tributary.spark.cubic.CubicIngestReport;
import io.tributary.spark.cubic.CubicIngestion;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.Optional;
import org.apache.spark.sql.SparkSession;

/**
 * spark-submit entry point of a cubic-ingest job's window: registers what is new in the incoming prefix,
 * ingests every ready load, archives or errors each, prints the loads and reports the run record. An errored
 * load does not fail the window (it was handled: moved to the error prefix with its reason); the record says
 * how many there were.
 */
public final class CubicIngestMain {
  private CubicIngestMain() {}

  public static void main(String[] args) {
    StepRun.main(JobKind.CUBIC_INGEST, args);
  }

  /**
   * Runs one window of a cubic-ingest job: one ingestion run, named by the window run's id, over the registry
   * the deployment's settings name and, when the job names a Glue database, the Glue catalog.
   */
  static RunRecord run(SparkSession spark, StepDocument step, StepEnvironment environment, PrintWriter out)
      throws Exception {
    long started = System.nanoTime();
    CubicSource source = step.job().source(CubicSource.class);
    CubicRegistry registry = DynamoDbCubicRegistry.over(environment.clients().dynamoDb(),
        step.settings(CubicSettings.class).registry());
    LakeCatalog catalog = source.glueDatabase().map(environment.catalogs()::database).orElse(LakeCatalog.none());
    CubicIngestReport report = new CubicIngestion(spark, registry, catalog, environment.hadoop(), source,
        environment.clock(), step.runId(), false).run();
    out.print(report.render());
    out.flush();
    long rows = report.rows();
    int errored = report.in(LoadStatus.ERRORED).size();
    return new RunRecord(rows, rows, 0, Optional.empty(), Optional.empty(), Duration.ofNanos(System.nanoTime() - started),
        source.springboard() + " (" + report.in(LoadStatus.ARCHIVED).size() + " load(s) archived, " + errored
            + " errored" + (errored > 0 ? ": see `tributary cubic loads --status errored` and " + source.error() : "")
            + ")");
  }
}
