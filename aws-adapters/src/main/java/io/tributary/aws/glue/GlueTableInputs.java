package io.tributary.aws.glue;

import io.tributary.core.catalog.LakeCatalog;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.glue.model.Column;
import software.amazon.awssdk.services.glue.model.PartitionInput;
import software.amazon.awssdk.services.glue.model.SerDeInfo;
import software.amazon.awssdk.services.glue.model.StorageDescriptor;
import software.amazon.awssdk.services.glue.model.TableInput;

/**
 * The Glue Data Catalog inputs of the lake's tables. Raw tables are external Parquet tables (Hive's Parquet SerDe)
 * partitioned as their writer lays them out (Cubic: {@code snapshot} and {@code identifier} for ODS,
 * {@code identifier} for DMAP and Kafka; JDBC: {@code load_date}, and {@code load_time} below a day), each load or
 * window one partition at its directory. Current-state tables and Delta outputs are Delta Lake tables, which Athena reads natively
 * from their transaction log when the table's {@code table_type} parameter is {@code DELTA}
 * (https://docs.aws.amazon.com/athena/latest/ug/delta-lake-tables-getting-started.html); their columns are
 * kept in step with the log because Lake Formation, views and row filters need the Glue schema to match
 * (https://docs.aws.amazon.com/athena/latest/ug/delta-lake-tables-syncing-metadata.html). Locations are
 * {@code s3://} URIs, as Athena reads them.
 */
public final class GlueTableInputs {
  static final String PARQUET_INPUT = "org.apache.hadoop.hive.ql.io.parquet.MapredParquetInputFormat";
  static final String PARQUET_OUTPUT = "org.apache.hadoop.hive.ql.io.parquet.MapredParquetOutputFormat";
  static final String PARQUET_SERDE = "org.apache.hadoop.hive.ql.io.parquet.serde.ParquetHiveSerDe";

  private GlueTableInputs() {}

  /** The raw table of {@code partition}, with its columns. */
  public static TableInput rawTable(LakeCatalog.Partition partition) {
    return TableInput.builder().name(partition.table()).tableType("EXTERNAL_TABLE")
        .parameters(Map.of("EXTERNAL", "TRUE", "classification", "parquet"))
        .partitionKeys(partition.partitionKeys().stream().map(k -> column(k, "string")).toList())
        .storageDescriptor(parquet(partition.tableLocation(), partition.columns())).build();
  }

  /** The partition of one load's or window's directory. */
  public static PartitionInput rawPartition(LakeCatalog.Partition partition) {
    return PartitionInput.builder().values(partition.partitionValues())
        .storageDescriptor(parquet(partition.location(), partition.columns())).build();
  }

  /** A Delta table. */
  public static TableInput deltaTable(String name, String location, List<LakeCatalog.Column> columns) {
    return TableInput.builder().name(name).tableType("EXTERNAL_TABLE")
        .parameters(Map.of("EXTERNAL", "TRUE", "table_type", "DELTA", "spark.sql.sources.provider", "delta"))
        .storageDescriptor(StorageDescriptor.builder().location(s3(location))
            .columns(columns.stream().map(c -> column(c.name(), c.type())).toList()).build())
        .build();
  }

  /**
   * Columns of {@code have}, each with its type in {@code incoming} where that names it (a widening the schema
   * policy let through), followed by those of {@code incoming} it lacks: a table never loses a column.
   */
  public static List<Column> merged(List<Column> have, List<LakeCatalog.Column> incoming) {
    List<Column> columns = new ArrayList<>();
    for (Column column : have) {
      columns.add(incoming.stream().filter(c -> c.name().equalsIgnoreCase(column.name())).findFirst()
          .map(c -> column.toBuilder().type(c.type()).build()).orElse(column));
    }
    for (LakeCatalog.Column column : incoming) {
      if (have.stream().noneMatch(c -> c.name().equalsIgnoreCase(column.name()))) {
        columns.add(column(column.name(), column.type()));
      }
    }
    return columns;
  }

  private static StorageDescriptor parquet(String location, List<LakeCatalog.Column> columns) {
    return StorageDescriptor.builder().location(s3(location)).inputFormat(PARQUET_INPUT).outputFormat(PARQUET_OUTPUT)
        .serdeInfo(SerDeInfo.builder().serializationLibrary(PARQUET_SERDE).parameters(Map.of("serialization.format", "1"))
            .build())
        .columns(columns.stream().map(c -> column(c.name(), c.type())).toList()).build();
  }

  static Column column(String name, String type) {
    return Column.builder().name(name).type(type).build();
  }

  /** {@code s3a://} as Athena and Glue write it, {@code s3://}; other schemes unchanged. */
  static String s3(String location) {
    return location.startsWith("s3a://") ? "s3://" + location.substring(6) : location;
  }
}
