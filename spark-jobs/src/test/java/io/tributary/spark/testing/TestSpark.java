package io.tributary.spark.testing;

import io.tributary.spark.state.KeyedMerge;
import org.apache.spark.sql.SparkSession;

/** One local Spark session for the test JVM: two cores, UTC, java.time values. */
public final class TestSpark {
  private static SparkSession session;

  private TestSpark() {}

  public static synchronized SparkSession get() {
    if (session == null) {
      session = SparkSession.builder()
          .master("local[2]")
          .appName("tributary-tests")
          .config("spark.ui.enabled", "false")
          .config("spark.driver.bindAddress", "127.0.0.1")
          .config("spark.driver.host", "127.0.0.1")
          .config("spark.sql.shuffle.partitions", "2")
          .config("spark.sql.session.timeZone", "UTC")
          .config("spark.sql.extensions", "io.delta.sql.DeltaSparkSessionExtension")
          .config("spark.sql.catalog.spark_catalog", "org.apache.spark.sql.delta.catalog.DeltaCatalog")
          // Delta rebuilds a table's state from its log in this many tasks (50 by default): few cores, small logs.
          .config("spark.databricks.delta.snapshotPartitions", "2")
          .config(KeyedMerge.FILES_IN_CHECKSUM, "true")
          .config("spark.sql.datetime.java8API.enabled", "true")
          .getOrCreate();
    }
    return session;
  }
}
