package io.tributary.spark.ingest;

import static org.apache.spark.sql.functions.lit;

import io.delta.tables.DeltaTable;
import io.tributary.core.kind.jdbc.ParquetCodec;
import io.tributary.core.window.LoadWindow;
import io.tributary.core.window.RawZoneLayout;
import java.util.Arrays;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;

/**
 * Writes a JDBC window into the job's Delta table ({@code output_format=delta}) as one commit replacing the
 * window's partition ({@code load_date}, and {@code load_time} for windows that are not whole days): a reader
 * of the table, on S3 too, sees the whole window or the one before it, and a rerun replaces it again.
 */
final class DeltaWindowWrite {
  private final SparkSession spark;
  private final String table;
  private final Map<String, String> partition;

  DeltaWindowWrite(SparkSession spark, String table, LoadWindow window) {
    this.spark = spark;
    this.table = table;
    this.partition = RawZoneLayout.windowPartitionValues(window);
  }

  /** What a commit wrote, from its Delta metrics. */
  record Committed(long version, long rows, long bytes, long files) {}

  /** Commits {@code rows} as the window's partition and returns what the commit wrote. */
  Committed write(Dataset<Row> rows, ParquetCodec codec) {
    for (String column : partition.keySet()) {
      if (Arrays.stream(rows.columns()).anyMatch(c -> c.equalsIgnoreCase(column))) {
        throw new IllegalStateException("the source table has a column named " + column + ", which the Delta output"
            + " uses as its partition column; write this job as Parquet (output_format=parquet)");
      }
    }
    Dataset<Row> partitioned = rows;
    for (Map.Entry<String, String> value : partition.entrySet()) {
      partitioned = partitioned.withColumn(value.getKey(), lit(value.getValue()));
    }
    String where = partition.entrySet().stream().map(e -> e.getKey() + " = '" + e.getValue() + "'")
        .collect(Collectors.joining(" AND "));
    partitioned.write().format("delta").mode(SaveMode.Overwrite).option("replaceWhere", where)
        .option("mergeSchema", "true") // a column the source added (the schema policy allows no other change)
        .option("compression", codec.sparkName()).partitionBy(partition.keySet().toArray(String[]::new)).save(table);
    Row commit = DeltaTable.forPath(spark, table).history(1).select("version", "operation", "operationMetrics").first();
    if (!"WRITE".equals(commit.getString(1))) {
      throw new IllegalStateException("the last commit of " + table + " is a " + commit.getString(1)
          + ", not this window's write: another writer is using the table");
    }
    Map<String, String> metrics = commit.getJavaMap(2);
    return new Committed(commit.getLong(0), Long.parseLong(metrics.getOrDefault("numOutputRows", "0")),
        Long.parseLong(metrics.getOrDefault("numOutputBytes", "0")), Long.parseLong(metrics.getOrDefault("numFiles", "0")));
  }

  /** The table's location. */
  String table() {
    return table;
  }
}
