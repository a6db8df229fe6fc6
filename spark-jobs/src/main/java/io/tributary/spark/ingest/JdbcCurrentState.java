package io.tributary.spark.ingest;

import static org.apache.spark.sql.functions.col;

import io.delta.tables.DeltaTable;
import io.tributary.core.history.StateCommit;
import io.tributary.spark.state.KeyedMerge;
import io.tributary.spark.state.KeyedMerge.Versions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * A jdbc-ingest job's current state ({@code current_state=true}): a Delta table of the source table's latest row
 * per primary key, into which each published window is merged by {@link KeyedMerge}, the merge Cubic's current
 * state uses. A window's version of a key replaces the state's only when newer by {@code order_by}, so a re-run
 * of a window changes nothing and a back-fill of older windows brings only what is newer. A column the source
 * added joins the state's schema; a widened column is widened in the state; a key column whose type changed is
 * refused before anything is written.
 */
final class JdbcCurrentState {
  /** A window of at least this share of the state's rows rewrites the state in one commit instead of a MERGE. */
  static final double REWRITE_SHARE = 0.5;
  private final SparkSession spark;
  private final String path;
  private final List<String> key;
  private final String orderBy;

  JdbcCurrentState(SparkSession spark, String path, List<String> key, String orderBy) {
    this.spark = spark;
    this.path = path;
    this.key = List.copyOf(key);
    this.orderBy = orderBy;
  }

  /** Merges {@code window}'s {@code rows} rows (as published) into the state; returns its commit. */
  StateCommit merge(Dataset<Row> window, long rows) {
    List<String> missing = new ArrayList<>();
    for (String column : key) {
      if (!Arrays.asList(window.columns()).contains(column)) {
        missing.add(column);
      }
    }
    if (!Arrays.asList(window.columns()).contains(orderBy)) {
      missing.add(orderBy);
    }
    if (!missing.isEmpty()) {
      throw new IllegalArgumentException("current state " + path + ": the source table has no column " + missing
          + " (primary_key " + key + ", order_by " + orderBy + "; its columns: " + List.of(window.columns()) + ")");
    }
    KeyedMerge merge = new KeyedMerge(spark, path, new Versions(orderBy, orderBy, Optional.empty()), REWRITE_SHARE);
    Dataset<Row> latest = merge.latestPerKey(window, key);
    if (!DeltaTable.isDeltaTable(spark, path)) {
      latest.write().format("delta").mode(SaveMode.ErrorIfExists).save(path);
    } else {
      evolve(window.schema());
      merge.apply(latest, window.schema(), key, rows);
    }
    long version = DeltaTable.forPath(spark, path).history(1).select("version").head().getLong(0);
    return new StateCommit(path, version, rows);
  }

  /**
   * Brings the state's schema to {@code incoming}'s (the schema policy has allowed it): added columns join it, a
   * widened column is rewritten in its wider type; a key column of another type is refused.
   */
  private void evolve(StructType incoming) {
    StructType state = spark.read().format("delta").load(path).schema();
    Map<String, StructField> now = Arrays.stream(incoming.fields())
        .collect(Collectors.toMap(f -> f.name().toLowerCase(Locale.ROOT), Function.identity()));
    List<String> widened = new ArrayList<>();
    for (StructField field : state.fields()) {
      StructField later = now.get(field.name().toLowerCase(Locale.ROOT));
      if (later == null || later.dataType().equals(field.dataType())) {
        continue;
      }
      if (key.contains(field.name())) {
        throw new IllegalStateException("current state " + path + ": key column " + field.name() + " is "
            + later.dataType().simpleString() + " at the source but " + field.dataType().simpleString()
            + " in the state; a key's type cannot change (write the state anew: remove " + path
            + " and back-fill the windows)");
      }
      widened.add(field.name());
    }
    if (!widened.isEmpty()) {
      Dataset<Row> table = spark.read().format("delta").load(path);
      table.select(Arrays.stream(table.columns()).map(c -> widened.contains(c)
              ? col(KeyedMerge.quoted(c)).cast(now.get(c.toLowerCase(Locale.ROOT)).dataType()).as(c)
              : col(KeyedMerge.quoted(c))).toArray(Column[]::new))
          .write().format("delta").mode(SaveMode.Overwrite).option("overwriteSchema", "true").save(path);
    }
    List<StructField> added = Arrays.stream(incoming.fields())
        .filter(f -> Arrays.stream(state.fields()).noneMatch(s -> s.name().equalsIgnoreCase(f.name()))).toList();
    if (!added.isEmpty()) {
      StructType evolved = spark.read().format("delta").load(path).schema();
      for (StructField field : added) {
        evolved = evolved.add(field);
      }
      spark.createDataFrame(List.<Row>of(), evolved).write().format("delta").mode(SaveMode.Append)
          .option("mergeSchema", "true").save(path);
    }
  }
}
