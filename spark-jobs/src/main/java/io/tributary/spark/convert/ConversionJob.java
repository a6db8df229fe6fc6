package io.tributary.spark.convert;

import io.tributary.convert.Conversion;
import io.tributary.convert.ConversionSummary;
import io.tributary.core.convert.ConversionRequest;
import io.tributary.core.convert.DatasetId;
import io.tributary.storage.Storage;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import org.apache.spark.sql.SparkSession;

/**
 * A {@link Conversion} whose units run as Spark tasks ({@link SparkUnits}), its files reached through the
 * session's Hadoop configuration: the convert step on EMR and the local runner's back-fills.
 */
public final class ConversionJob {
  private final Conversion conversion;

  public ConversionJob(SparkSession spark, long memoryBudget, Clock clock) {
    this.conversion = conversion(spark, memoryBudget, clock);
  }

  /** A conversion whose units are Spark tasks of {@code spark}, its files reached through its Hadoop settings. */
  public static Conversion conversion(SparkSession spark, long memoryBudget, Clock clock) {
    Storage storage = Storage.hadoop(spark.sparkContext().hadoopConfiguration());
    return new Conversion(storage, new SparkUnits(spark), memoryBudget, clock);
  }

  public ConversionJob(SparkSession spark) {
    this(spark, Conversion.DEFAULT_MEMORY_BUDGET, Clock.systemUTC());
  }

  /** Back-fill: every partition of the selected datasets that meets the request's range. */
  public ConversionSummary backfill(ConversionRequest request, String runId) throws IOException {
    return conversion.backfill(request, runId);
  }

  /** Live-fill: exactly the partitions holding the changed days, each rewritten whole, once. */
  public ConversionSummary liveFill(ConversionRequest request, Map<DatasetId, Set<Instant>> changedDays,
      String runId) throws IOException {
    return conversion.liveFill(request, changedDays, runId);
  }
}
