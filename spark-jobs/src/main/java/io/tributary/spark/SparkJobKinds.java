package io.tributary.spark;

import io.tributary.core.config.JobConfig;
import io.tributary.core.config.JobKind;
import io.tributary.core.history.LoadedWindow;
import io.tributary.core.history.RunRecord;
import io.tributary.core.run.DeploymentSettings;
import io.tributary.core.run.StepDocument;
import io.tributary.core.run.WindowIngestion;
import io.tributary.core.window.LoadWindow;
import java.io.PrintWriter;
import java.io.Writer;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.sql.SparkSession;

/**
 * The Spark half of the job-kind registry: per kind, its {@code spark-submit} entry point (the class; the
 * core's {@code JobKindDefinition.entryPoint} names it for the Lambda functions, which have no Spark) and
 * how one window's step runs, with the services its entry point hands it, and becomes a run record. The
 * local EMR and local runs use the same entries.
 */
public final class SparkJobKinds {
  /** How a kind's step runs in a Spark session. */
  @FunctionalInterface
  public interface StepRunner {
    /** Runs the step with {@code environment}'s services and returns its run record; throws when it failed. */
    RunRecord run(SparkSession spark, StepDocument step, StepEnvironment environment, PrintWriter out)
        throws Exception;
  }

  /** One kind's Spark side. */
  public record SparkJobKind(Class<?> entryPoint, StepRunner runner) {
    RunRecord run(SparkSession spark, StepDocument step, StepEnvironment environment, PrintWriter out)
        throws Exception {
      return runner.run(spark, step, environment, out);
    }
  }

  private static final Map<JobKind, SparkJobKind> KINDS = new EnumMap<>(Map.of(
      JobKind.JDBC_INGEST, new SparkJobKind(JdbcIngestMain.class, JdbcIngestMain::run),
      JobKind.CONVERT, new SparkJobKind(ConvertMain.class, ConvertMain::runStep),
      JobKind.WAREHOUSE_LOAD, new SparkJobKind(WarehouseLoadMain.class, WarehouseLoadMain::run),
      JobKind.CUBIC_INGEST, new SparkJobKind(CubicIngestMain.class, CubicIngestMain::run)));

  private SparkJobKinds() {}

  /** The Spark side of {@code kind}. */
  public static SparkJobKind of(JobKind kind) {
    SparkJobKind spark = KINDS.get(kind);
    if (spark == null) {
      throw new IllegalStateException("job kind " + kind.label() + " is not registered in SparkJobKinds");
    }
    return spark;
  }

  /** Runs any kind's window in this JVM, as the local runs do, with {@code deployment}'s settings. */
  public static WindowIngestion local(SparkSession spark, StepEnvironment environment,
      DeploymentSettings deployment) {
    PrintWriter quiet = new PrintWriter(Writer.nullWriter());
    return new WindowIngestion() {
      @Override
      public RunRecord ingest(JobConfig job, LoadWindow window, String runId) throws Exception {
        return ingest(job, window, runId, List.of());
      }

      @Override
      public RunRecord ingest(JobConfig job, LoadWindow window, String runId, List<LoadedWindow> earlier)
          throws Exception {
        StepDocument step = StepDocument.of(job, window, runId, deployment, List.of(), Optional.empty());
        return of(job.kind()).run(spark, new StepDocument(step.job(), step.window(), step.runId(), step.recordFile(),
            step.changedObjects(), step.secrets(), step.settings(), earlier), environment, quiet);
      }
    };
  }
}
