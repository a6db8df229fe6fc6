package io.tributary.spark;

import io.tributary.aws.dynamodb.CubicRegistries;
import io.tributary.core.config.CubicSource;
import io.tributary.core.config.JobKind;
import io.tributary.core.history.RunRecord;
import io.tributary.aws.glue.GlueCubicCatalog;
import io.tributary.core.kind.cubic.CubicCatalog;
import io.tributary.core.kind.cubic.CubicStepOptions;
import software.amazon.awssdk.services.glue.GlueClient;
import io.tributary.core.kind.cubic.LoadStatus;
import io.tributary.core.run.StepArguments;
import io.tributary.spark.cubic.CubicIngestReport;
import io.tributary.spark.cubic.CubicIngestion;
import java.io.PrintWriter;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import org.apache.spark.sql.SparkSession;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * spark-submit entry point of a cubic-ingest job's window: registers what is new in the incoming prefix,
 * ingests every ready load, archives or errors each, prints the loads and reports the run record. An errored
 * load does not fail the window (it was handled: moved to the error prefix with its reason); the record says
 * how many there were.
 */
public final class CubicIngestMain {
  private CubicIngestMain() {}

  public static void main(String[] args) {
    StepRun.mainOf(JobKind.CUBIC_INGEST, "CubicIngestMain", args);
  }

  /** Runs one window of a cubic-ingest job: one ingestion run, named by the window run's id. */
  static RunRecord run(SparkSession spark, StepArguments step, PrintWriter out) throws Exception {
    long started = System.nanoTime();
    CubicSource source = step.job().source(CubicSource.class);
    CubicIngestReport report;
    try (DynamoDbClient client = CubicRegistries.client();
        GlueClient glue = source.glueDatabase().isPresent() ? GlueClient.builder()
            .httpClient(software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient.create()).build() : null) {
      CubicCatalog catalog = glue == null ? CubicCatalog.none() : new GlueCubicCatalog(glue, source.glueDatabase().get());
      report = new CubicIngestion(spark, CubicRegistries.open(client, step.options(CubicStepOptions.class).registry()),
          catalog, spark.sparkContext().hadoopConfiguration(), source, Clock.systemUTC(), step.runId(), false).run();
    }
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
