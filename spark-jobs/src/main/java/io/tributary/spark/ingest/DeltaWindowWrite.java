package io.tributary.spark.ingest;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import io.delta.tables.DeltaTable;
import io.tributary.core.kind.jdbc.ParquetCodec;
import io.tributary.core.window.LoadWindow;
import io.tributary.core.window.RawZoneLayout;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes a JDBC window into the job's Delta table ({@code output_format=delta}) as one commit replacing the
 * window's partition ({@code load_date}, and {@code load_time} for windows that are not whole days): a reader
 * of the table, on S3 too, sees the whole window or the one before it, and a rerun replaces it again. A column the
 * source added joins the table's schema. A column whose type the source widened ({@code integer} to {@code bigint},
 * more numeric digits), which Delta 3.3 cannot widen in place, makes the commit a rewrite of the whole table in the
 * new schema (the other windows' values cast exactly, under ANSI rules, so a value that does not fit fails the
 * window rather than becoming null), still one commit.
 */
final class DeltaWindowWrite {
  private static final Logger LOG = LoggerFactory.getLogger(DeltaWindowWrite.class);
  private final SparkSession spark;
  private final String table;
  private final Map<String, String> partition;

  DeltaWindowWrite(SparkSession spark, String table, LoadWindow window) {
    this.spark = spark;
    this.table = table;
    this.partition = RawZoneLayout.windowPartitionValues(window);
  }

  /**
   * What a commit wrote, from its Delta metrics: the window's rows, and the bytes and files of the commit (the whole
   * table's when {@code rewritten}).
   */
  record Committed(long version, long rows, long bytes, long files, boolean rewritten) {}

  /** Commits {@code rows} as the window's partition and returns what the commit wrote. */
  Committed write(Dataset<Row> rows, ParquetCodec codec) {
    for (String column : partition.keySet()) {
      if (Arrays.stream(rows.columns()).anyMatch(c -> c.equalsIgnoreCase(column))) {
        throw new IllegalStateException("the source table has a column named " + column + ", which the Delta output"
            + " uses as its partition column; write this job as Parquet (output_format=parquet)");
      }
    }
    Dataset<Row> partitioned = withPartitionColumns(rows);
    String where = partition.entrySet().stream().map(e -> e.getKey() + " = '" + e.getValue() + "'")
        .collect(Collectors.joining(" AND "));
    String[] partitionColumns = partition.keySet().toArray(String[]::new);
    Optional<StructType> before = DeltaTable.isDeltaTable(spark, table)
        ? Optional.of(spark.read().format("delta").load(table).schema()) : Optional.empty();
    List<String> retyped = before.map(schema -> retyped(schema, partitioned.schema())).orElse(List.of());
    if (retyped.isEmpty()) {
      partitioned.write().format("delta").mode(SaveMode.Overwrite).option("replaceWhere", where)
          .option("mergeSchema", "true") // a column the source added
          .option("compression", codec.sparkName()).partitionBy(partitionColumns).save(table);
      return committed(Optional.empty());
    }
    LOG.info("{}: {} widened at the source; rewriting the table in the new schema in one commit", table, retyped);
    String ansi = spark.conf().get("spark.sql.ansi.enabled");
    spark.conf().set("spark.sql.ansi.enabled", "true");
    try {
      Dataset<Row> others = spark.read().format("delta").load(table).where("NOT (" + where + ")");
      Dataset<Row> otherWindows = others.select(Arrays.stream(others.columns()).map(c -> retyped.contains(c)
          ? col(c).cast(partitioned.schema().apply(c).dataType()).as(c) : col(c)).toArray(Column[]::new));
      partitioned.unionByName(otherWindows, true).write().format("delta").mode(SaveMode.Overwrite)
          .option("overwriteSchema", "true").option("compression", codec.sparkName()).partitionBy(partitionColumns)
          .save(table);
    } finally {
      spark.conf().set("spark.sql.ansi.enabled", ansi);
    }
    return committed(Optional.of(spark.read().format("delta").load(table).where(where).count()));
  }

  /** The window's rows as the table holds them now, without its partition columns. */
  Dataset<Row> committedRows() {
    String where = partition.entrySet().stream().map(e -> e.getKey() + " = '" + e.getValue() + "'")
        .collect(Collectors.joining(" AND "));
    return spark.read().format("delta").load(table).where(where).drop(partition.keySet().toArray(String[]::new));
  }

  private Dataset<Row> withPartitionColumns(Dataset<Row> rows) {
    Dataset<Row> partitioned = rows;
    for (Map.Entry<String, String> value : partition.entrySet()) {
      partitioned = partitioned.withColumn(value.getKey(), lit(value.getValue()));
    }
    return partitioned;
  }

  /** The columns of {@code table} that {@code incoming} holds with another type. */
  private static List<String> retyped(StructType table, StructType incoming) {
    Set<String> names = Set.of(incoming.fieldNames());
    return Arrays.stream(table.fields()).filter(f -> names.contains(f.name())
        && !f.dataType().sameType(incoming.apply(f.name()).dataType())).map(StructField::name).toList();
  }

  /** The last commit's figures; {@code windowRows} when it rewrote the table (its metrics count every window). */
  private Committed committed(Optional<Long> windowRows) {
    Row commit = DeltaTable.forPath(spark, table).history(1).select("version", "operation", "operationMetrics").first();
    if (!"WRITE".equals(commit.getString(1))) {
      throw new IllegalStateException("the last commit of " + table + " is a " + commit.getString(1)
          + ", not this window's write: another writer is using the table");
    }
    Map<String, String> metrics = commit.getJavaMap(2);
    long rows = windowRows.orElseGet(() -> Long.parseLong(metrics.getOrDefault("numOutputRows", "0")));
    return new Committed(commit.getLong(0), rows, Long.parseLong(metrics.getOrDefault("numOutputBytes", "0")),
        Long.parseLong(metrics.getOrDefault("numFiles", "0")), windowRows.isPresent());
  }

  /** The table's location. */
  String table() {
    return table;
  }
}
