package io.tributary.spark;

import io.tributary.core.config.JobKind;
import io.tributary.core.history.RunRecord;
import io.tributary.core.kind.jdbc.JdbcStepOptions;
import io.tributary.core.kind.jdbc.ParquetCodec;
import io.tributary.core.run.StepArguments;
import io.tributary.core.run.StepContext;
import io.tributary.core.run.WindowIngestion;
import io.tributary.core.secret.SecretSourceSpec;
import io.tributary.spark.convert.ConversionSummary;
import io.tributary.spark.ingest.JdbcIngestion;
import java.io.PrintWriter;
import java.io.Writer;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.sql.SparkSession;

/**
 * The Spark half of the job-kind registry: per kind, its {@code spark-submit} entry point (the class; the
 * core's {@code JobKindDefinition.entryPoint} names it for the Lambda functions, which have no Spark) and
 * how one window's step runs and becomes a run record. The local EMR and local runs use the same entries.
 */
public final class SparkJobKinds {
  /** How a kind's step runs in a Spark session. */
  @FunctionalInterface
  public interface StepRunner {
    /** Runs the step and returns its run record; throws when it failed. */
    RunRecord run(SparkSession spark, StepArguments step, PrintWriter out) throws Exception;
  }

  /** One kind's Spark side. */
  public record SparkJobKind(Class<?> entryPoint, StepRunner runner) {
    RunRecord run(SparkSession spark, StepArguments step, PrintWriter out) throws Exception {
      return runner.run(spark, step, out);
    }
  }

  private static final Map<JobKind, SparkJobKind> KINDS = new EnumMap<>(Map.of(
      JobKind.JDBC_INGEST, new SparkJobKind(JdbcIngestMain.class, SparkJobKinds::ingest),
      JobKind.CONVERT, new SparkJobKind(ConvertMain.class, SparkJobKinds::convert),
      JobKind.WAREHOUSE_LOAD, new SparkJobKind(WarehouseLoadMain.class,
          (spark, step, out) -> WarehouseLoadMain.run(step, spark.sparkContext().hadoopConfiguration(), out)),
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

  /** Runs any kind's window in this JVM, as the local runs do (secrets from {@code secrets}, snappy Parquet). */
  public static WindowIngestion local(SparkSession spark, SecretSourceSpec secrets) {
    PrintWriter quiet = new PrintWriter(Writer.nullWriter());
    return (job, window, runId) -> of(job.kind()).run(spark, StepArguments.of(job, window, runId,
        new StepContext(secrets, ParquetCodec.SNAPPY, List.of()), Optional.empty()), quiet);
  }

  private static RunRecord ingest(SparkSession spark, StepArguments step, PrintWriter out) throws Exception {
    JdbcStepOptions options = step.options(JdbcStepOptions.class);
    return new JdbcIngestion(spark, options.secrets(), options.codec()).ingest(step.job(), step.window(), step.runId());
  }

  private static RunRecord convert(SparkSession spark, StepArguments step, PrintWriter out) throws Exception {
    Instant started = Instant.now();
    ConvertArguments arguments = ConvertArguments.forStep(step);
    ConversionSummary summary = ConvertMain.convert(spark, arguments, out).requireSucceeded();
    return summary.runRecord(step.job().outputDir().toString(), Duration.between(started, Instant.now()));
  }
}
