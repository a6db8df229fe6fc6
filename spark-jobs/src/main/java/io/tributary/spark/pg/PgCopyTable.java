package io.tributary.spark.pg;

import java.util.Set;
import org.apache.spark.sql.connector.catalog.SupportsRead;
import org.apache.spark.sql.connector.catalog.TableCapability;
import org.apache.spark.sql.connector.read.Batch;
import org.apache.spark.sql.connector.read.InputPartition;
import org.apache.spark.sql.connector.read.PartitionReaderFactory;
import org.apache.spark.sql.connector.read.Scan;
import org.apache.spark.sql.connector.read.ScanBuilder;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.sql.types.Metadata;
import org.apache.spark.sql.util.CaseInsensitiveStringMap;

/** A planned window read as a Spark table: one scan, one partition per COPY statement. */
final class PgCopyTable implements SupportsRead, Scan, Batch {
  private final String name;
  private final PgReadPlan plan;
  private final PgCopyReaderFactory readerFactory;

  PgCopyTable(String name, PgReadPlan plan, PgCopyReaderFactory readerFactory) {
    this.name = name;
    this.plan = plan;
    this.readerFactory = readerFactory;
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public StructType schema() {
    return new StructType(plan.columns().stream()
        .map(c -> new StructField(c.name(), c.sparkType(), true, Metadata.empty()))
        .toArray(StructField[]::new));
  }

  @Override
  public Set<TableCapability> capabilities() {
    return Set.of(TableCapability.BATCH_READ);
  }

  @Override
  public ScanBuilder newScanBuilder(CaseInsensitiveStringMap options) {
    return () -> this;
  }

  @Override
  public StructType readSchema() {
    return schema();
  }

  @Override
  public String description() {
    return "PostgreSQL COPY " + name + " in " + plan.statements().size() + " partitions";
  }

  @Override
  public Batch toBatch() {
    return this;
  }

  @Override
  public InputPartition[] planInputPartitions() {
    InputPartition[] partitions = new InputPartition[plan.statements().size()];
    for (int i = 0; i < partitions.length; i++) {
      partitions[i] = new PgCopyPartition(i, plan.statements().get(i));
    }
    return partitions;
  }

  @Override
  public PartitionReaderFactory createReaderFactory() {
    return readerFactory;
  }
}
