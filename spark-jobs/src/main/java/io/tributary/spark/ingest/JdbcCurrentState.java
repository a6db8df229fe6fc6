package io.tributary.spark.ingest;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import io.delta.tables.DeltaTable;
import io.tributary.core.history.StateCommit;
import io.tributary.spark.state.KeyedMerge;
import io.tributary.spark.state.KeyedMerge.Changes;
import io.tributary.spark.state.KeyedMerge.Versions;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.spark.sql.Column;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.delta.Snapshot;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * A jdbc-ingest job's current state ({@code current_state=true}): a Delta table of the source table's latest row
 * per primary key, into which each published window is merged by {@link KeyedMerge}, the merge Cubic's current
 * state uses. A window's version of a key replaces the state's only when newer by {@code order_by}, so a re-run
 * of a window changes nothing and a back-fill of older windows brings only what is newer. A column the source
 * added joins the state's schema; a widened column is widened in the state; a key column whose type changed is
 * refused before anything is written. Keys gone from the source ({@link KeyBuckets}) are removed, or marked
 * {@code _deleted} with the time they were found gone, and a key back at the source is live again.
 */
public final class JdbcCurrentState {
  /** The column marking a key found deleted at the source ({@code deletes=soft}) with the time it was found. */
  static final String DELETED = "_deleted";
  /** Beside the Delta log (Delta ignores names starting with {@code _}): runs since the last look for deletes. */
  private static final String RUNS_SINCE_LOOK = "_tributary_runs_since_delete_look";
  /** A window of at least this share of the state's rows rewrites the state in one commit instead of a MERGE. */
  static final double REWRITE_SHARE = 0.5;
  private final SparkSession spark;
  private final String path;
  private final List<String> key;
  private final boolean keyEnforcedAtSource;
  private final String orderBy;

  /** The state at {@code path}, keyed by {@code key}, a key's versions ordered by {@code orderBy}. */
  public JdbcCurrentState(SparkSession spark, String path, StateKey key, String orderBy) {
    this.spark = spark;
    this.path = path;
    this.key = key.columns();
    this.keyEnforcedAtSource = key.enforcedAtSource();
    this.orderBy = orderBy;
  }

  /** Merges {@code window}'s {@code rows} rows (as published) into the state; returns its commit. */
  public StateCommit merge(Dataset<Row> window, long rows) {
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
    // One read of the log for whether the state exists, its columns and the merge (on S3, each read lists the log).
    Snapshot snapshot = KeyedMerge.snapshot(spark, path);
    if (snapshot.version() < 0) {
      // Deletion vectors let a later window's merge mark the rows it replaces instead of rewriting their files.
      changes(merge, window).latest().write().format("delta").mode(SaveMode.ErrorIfExists)
          .option(KeyedMerge.DELETION_VECTORS, "true").save(path);
    } else {
      // A key found deleted that is back at the source is no longer deleted.
      Dataset<Row> versions = Arrays.asList(snapshot.schema().fieldNames()).contains(DELETED)
          ? window.withColumn(DELETED, lit(null).cast(DataTypes.TimestampType)) : window;
      boolean evolved = evolve(versions.schema(), snapshot.schema());
      merge.apply(changes(merge, versions), versions.schema(), key, rows,
          evolved ? KeyedMerge.snapshot(spark, path) : snapshot);
    }
    return new StateCommit(path, version(), rows, Optional.empty());
  }

  /**
   * A window's rows as a batch to merge: a window of a key the source enforces holds each key once, so its rows are
   * each key's newest already; otherwise each key's newest is found.
   */
  private Changes changes(KeyedMerge merge, Dataset<Row> window) {
    return keyEnforcedAtSource ? Changes.ofLatest(window) : merge.changes(window, key);
  }

  /**
   * Whether this run is due a look for deleted keys: every {@code everyRuns} runs (1: every run). Counts the run
   * (a small file beside the Delta log, which Delta ignores); {@link #applyDeletes} starts the count again.
   */
  boolean deletesDue(int everyRuns) throws IOException {
    if (everyRuns == 1) {
      return true;
    }
    FileSystem fs = new Path(path).getFileSystem(spark.sparkContext().hadoopConfiguration());
    Path counter = new Path(path, RUNS_SINCE_LOOK);
    long runs = 0;
    if (fs.exists(counter)) {
      try (var in = fs.open(counter)) {
        runs = Long.parseLong(new String(in.readAllBytes(), StandardCharsets.UTF_8).strip());
      }
    }
    if (runs + 1 >= everyRuns) {
      return true;
    }
    writeRunsSinceLook(runs + 1);
    return false;
  }

  /** The state's keys still present (not marked deleted), for {@link KeyBuckets#compare}. */
  Dataset<Row> liveKeys() {
    Dataset<Row> table = table();
    Dataset<Row> live = Arrays.asList(table.columns()).contains(DELETED) ? table.where(col(DELETED).isNull()) : table;
    return live.select(key.stream().map(k -> col(KeyedMerge.quoted(k))).toArray(Column[]::new));
  }

  /**
   * Removes the state's rows of the keys {@code deleted} (key texts of {@code buckets}), or, {@code soft}, marks
   * them {@code _deleted} at {@code seen}, in one commit (none when there are none); starts the count of
   * {@link #deletesDue} again; returns the state's version after it.
   */
  long applyDeletes(KeyBuckets buckets, Set<String> deleted, boolean soft, Instant seen) throws IOException {
    if (!deleted.isEmpty()) {
      if (soft && !Arrays.asList(table().columns()).contains(DELETED)) {
        spark.createDataFrame(List.<Row>of(), table().schema().add(DELETED, DataTypes.TimestampType)).write()
            .format("delta").mode(SaveMode.Append).option("mergeSchema", "true").save(path);
      }
      Dataset<Row> gone = spark.createDataset(List.copyOf(deleted), Encoders.STRING()).toDF("t");
      var merge = DeltaTable.forPath(spark, path).as("s").merge(functions.broadcast(gone).as("d"),
          buckets.keyText("s").equalTo(col("d.t")));
      if (soft) {
        merge.whenMatched(col("s." + DELETED).isNull())
            .update(Map.of(DELETED, lit(Timestamp.from(seen)))).execute();
      } else {
        merge.whenMatched().delete().execute();
      }
    }
    writeRunsSinceLook(0);
    return version();
  }

  private void writeRunsSinceLook(long runs) throws IOException {
    FileSystem fs = new Path(path).getFileSystem(spark.sparkContext().hadoopConfiguration());
    try (var out = fs.create(new Path(path, RUNS_SINCE_LOOK), true)) {
      out.write(Long.toString(runs).getBytes(StandardCharsets.UTF_8));
    }
  }

  private long version() {
    return KeyedMerge.snapshot(spark, path).version();
  }

  private Dataset<Row> table() {
    return spark.read().format("delta").load(path);
  }

  /**
   * Brings the state's schema ({@code state}) to {@code incoming}'s (the schema policy has allowed it): added columns
   * join it, a widened column is rewritten in its wider type; a key column of another type is refused. Returns
   * whether it committed a change.
   */
  private boolean evolve(StructType incoming, StructType state) {
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
    return !widened.isEmpty() || !added.isEmpty();
  }
}
