package io.tributary.local;

import io.tributary.spark.state.KeyedMerge;
import org.apache.spark.sql.SparkSession;

/**
 * The local Spark session standing in for an EMR cluster: every core, no UI, UTC, Delta, and S3 through S3A
 * ({@code s3://} as on EMR, where it is EMRFS). S3A takes the usual Hadoop settings, e.g.
 * {@code -Dspark.hadoop.fs.s3a.endpoint=...} in {@code TRIBUTARY_JAVA_OPTS}, credentials from the default chain.
 */
public final class LocalSpark {
  private LocalSpark() {}

  public static SparkSession start(String appName) {
    return SparkSession.builder()
        .master(System.getProperty("spark.master", "local[*]"))
        .appName(appName)
        .config("spark.ui.enabled", "false")
        .config("spark.driver.bindAddress", "127.0.0.1")
        .config("spark.driver.host", "127.0.0.1")
        .config("spark.sql.shuffle.partitions", "4")
        .config("spark.sql.session.timeZone", "UTC")
        .config("spark.sql.extensions", "io.delta.sql.DeltaSparkSessionExtension")
        .config("spark.sql.catalog.spark_catalog", "org.apache.spark.sql.delta.catalog.DeltaCatalog")
        // Delta rebuilds a table's state from its log in this many tasks (50 by default): few cores, small logs.
        .config("spark.databricks.delta.snapshotPartitions", "4")
        // Commits list the table's files in their checksum file: a merge finds them without a Spark job.
        .config(KeyedMerge.FILES_IN_CHECKSUM, "true")
        .config("spark.hadoop.fs.s3.impl", "org.apache.hadoop.fs.s3a.S3AFileSystem")
        .config("spark.hadoop.fs.AbstractFileSystem.s3.impl", "org.apache.hadoop.fs.s3a.S3A")
        .getOrCreate();
  }
}
