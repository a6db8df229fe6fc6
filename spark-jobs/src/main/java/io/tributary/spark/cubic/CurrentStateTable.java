package io.tributary.spark.cubic;

import static io.tributary.spark.state.KeyedMerge.keyMatch;
import static io.tributary.spark.state.KeyedMerge.quoted;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import io.delta.tables.DeltaTable;
import io.tributary.core.kind.cubic.DfmColumn;
import io.tributary.spark.state.KeyedMerge;
import io.tributary.spark.state.KeyedMerge.Changes;
import io.tributary.spark.state.KeyedMerge.Versions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * The current state of one ODS table as a Delta table: the snapshot's rows, then its change files merged on the
 * primary key in {@code header__change_seq} order (by {@link KeyedMerge}, as a JDBC job's current state), each row with {@code _cdc_seq}, the change that produced it
 * (null for snapshot rows). A change applies only when newer than the row's {@code _cdc_seq}, and a delete is
 * remembered (appended with its change_seq) in a deletes table beside it, so a late or re-delivered file never
 * overwrites a newer row nor brings back a deleted one: applying a file twice changes nothing.
 */
public final class CurrentStateTable {
  /** The change that produced a row: its {@code header__change_seq}. */
  public static final String CDC_SEQ = "_cdc_seq";
  private static final String SEQ = DfmColumn.CHANGE_SEQ;
  private static final String OPER = DfmColumn.CHANGE_OPER;
  /** A change applies where newer (by change_seq) than the row's {@code _cdc_seq}, or than a snapshot row. */
  private static final Versions VERSIONS = new Versions(SEQ, CDC_SEQ, Optional.of(OPER));
  /** Up to about this many bytes of changed keys, a rebuild hashes them on every task instead of shuffling. */
  private static final long BROADCAST_KEY_BYTES = 256L << 20;
  private final SparkSession spark;
  private final String path;
  private final String deletesPath;
  private final double rewriteShare;

  /**
   * @param rewriteShare changes to at least this share of the table's rows are applied by rewriting the table
   *     (they touch nearly every file), fewer by a MERGE
   */
  public CurrentStateTable(SparkSession spark, String path, String deletesPath, double rewriteShare) {
    this.spark = spark;
    this.path = path;
    this.deletesPath = deletesPath;
    this.rewriteShare = rewriteShare;
  }

  /** Replaces the table with a new snapshot's first file, forgetting the deletes of the old snapshot. */
  public void rebuild(Dataset<Row> snapshotRows) {
    snapshotRows.withColumn(CDC_SEQ, lit(null).cast(DataTypes.StringType)).write().format("delta")
        .mode(SaveMode.Overwrite).option("overwriteSchema", "true").save(path);
    if (DeltaTable.isDeltaTable(spark, deletesPath)) {
      DeltaTable.forPath(spark, deletesPath).delete();
    }
  }

  /**
   * Replaces the table with a new snapshot's first file and the change files that follow it, in one Delta commit:
   * the snapshot's rows whose key no change touches, plus each changed key's last change unless it is a delete
   * (every change is newer than a snapshot row). Saves writing the snapshot only to rewrite it at once. The deletes
   * of the old snapshot are forgotten and these files' remembered. Each file was checked with {@link #admitted}
   * against the snapshot's columns; {@code columns} is the outcome, and {@code changeRows} the files' rows.
   */
  public void rebuild(Dataset<Row> snapshotRows, List<Dataset<Row>> files, List<String> key, StructType columns,
      long changeRows) {
    if (files.isEmpty()) {
      rebuild(snapshotRows);
      return;
    }
    Dataset<Row> changes = union(files);
    Dataset<Row> changedKeys = changes.where(col(OPER).notEqual("B"))
        .select(key.stream().map(k -> col(quoted(k))).toArray(Column[]::new));
    // The changed keys are few next to the snapshot: hashed on every task, the snapshot is not shuffled at all
    // (when they fit the driver and each task comfortably; otherwise both sides are shuffled).
    long keyBytes = changeRows * Arrays.stream(changedKeys.schema().fields())
        .mapToLong(f -> 16 + f.dataType().defaultSize()).sum();
    if (keyBytes <= BROADCAST_KEY_BYTES) {
      changedKeys = functions.broadcast(changedKeys);
    }
    Column match = keyEquality(snapshotRows, changedKeys, key);
    Dataset<Row> untouched = snapshotRows.join(changedKeys, match, "left_anti")
        .withColumn(CDC_SEQ, lit(null).cast(DataTypes.StringType));
    Dataset<Row> changed = new KeyedMerge(spark, path, VERSIONS, rewriteShare).latestPerKey(changes, key)
        .where(col(OPER).notEqual("D")).withColumn(CDC_SEQ, col(SEQ));
    List<Column> ordered = new ArrayList<>();
    for (StructField field : columns.fields()) {
      ordered.add(col(quoted(field.name())).cast(field.dataType()).as(field.name()));
    }
    ordered.add(col(CDC_SEQ));
    // The deletes table is written beside the state (both must be done before the files count as applied;
    // a run that dies between them rebuilds both again), so its small job fills the state write's idle cores.
    Dataset<Row> deletes = changes.where(col(OPER).equalTo("D"));
    CompletableFuture<Void> remembered = CompletableFuture.runAsync(() -> {
      SparkSession.setActiveSession(spark);
      if (DeltaTable.isDeltaTable(spark, deletesPath)) {
        DeltaTable.forPath(spark, deletesPath).delete();
      }
      rememberDeletes(deletes, key);
    });
    Exception failed = null;
    try {
      untouched.unionByName(changed.select(ordered.toArray(Column[]::new)), true)
          .select(ordered.toArray(Column[]::new))
          .write().format("delta").mode(SaveMode.Overwrite).option("overwriteSchema", "true").save(path);
    } catch (Exception e) { // Spark's exceptions are checked in Java but thrown undeclared
      failed = e;
    }
    try {
      remembered.join();
    } catch (CompletionException e) {
      if (failed == null) {
        failed = e.getCause() instanceof Exception cause ? cause : e;
      } else {
        failed.addSuppressed(e.getCause());
      }
    }
    if (failed != null) {
      throw failed instanceof RuntimeException unchecked ? unchecked
          : new IllegalStateException(failed.getMessage(), failed);
    }
  }

  /** Adds a further LOAD file's rows of the built snapshot: rows already there, or deleted since, are kept as they are. */
  public void addSnapshotRows(Dataset<Row> rows, List<String> key) {
    evolve(rows.schema());
    Dataset<Row> notDeleted = withoutDeleted(rows, key, false);
    Map<String, String> values = values(rows.schema(), "s");
    values.put(CDC_SEQ, "cast(null as string)");
    DeltaTable.forPath(spark, path).as("t").merge(notDeleted.as("s"), keyMatch(key))
        .whenNotMatched().insertExpr(values).execute();
  }

  /**
   * Checks a change file's columns against the table before it is applied: new columns are added (schema
   * evolution); a column the table has that the file lacks, or has with another type, fails the file naming it.
   */
  public void admit(StructType fileColumns) {
    evolve(fileColumns);
  }

  /**
   * Applies change files' rows (the table's columns after the {@code header__} columns), all in one Delta commit:
   * before-images dropped, each key's last change (by change_seq, across the files) kept, inserts and updates
   * upserted and deletes applied where newer than the row, deletes remembered. Each file was {@link #admit}ted;
   * {@code changeRows} is how many rows the files hold, which decides between a MERGE and a rewrite.
   */
  public void applyChanges(List<Dataset<Row>> files, List<String> key, long changeRows) {
    Dataset<Row> changes = union(files);
    KeyedMerge merge = new KeyedMerge(spark, path, VERSIONS, rewriteShare);
    Dataset<Row> latest = merge.latestPerKey(changes, key);
    StructType tableColumns = new StructType(Arrays.stream(latest.schema().fields())
        .filter(f -> !f.name().startsWith("header__")).toArray(StructField[]::new));
    merge.apply(Changes.ofLatest(withoutDeleted(latest, key, true)), tableColumns, key, changeRows);
    // Every delete, not only each key's last change: a change older than any delete of its key is stale.
    rememberDeletes(changes.where(col(OPER).equalTo("D")), key);
  }

  private static Dataset<Row> union(List<Dataset<Row>> files) {
    Dataset<Row> changes = files.get(0);
    for (Dataset<Row> file : files.subList(1, files.size())) {
      changes = changes.unionByName(file, true);
    }
    return changes;
  }

  private static Column keyEquality(Dataset<Row> left, Dataset<Row> right, List<String> key) {
    return key.stream().map(k -> left.col(quoted(k)).eqNullSafe(right.col(quoted(k)))).reduce(Column::and)
        .orElseThrow();
  }

  /** The table's columns now (without {@code _cdc_seq}), to check a later file's columns against. */
  public StructType columns() {
    StructType schema = spark.read().format("delta").load(path).schema();
    return new StructType(Arrays.stream(schema.fields()).filter(f -> !f.name().equals(CDC_SEQ))
        .toArray(StructField[]::new));
  }

  /** The table's whole schema, {@code _cdc_seq} included. */
  public StructType schema() {
    return spark.read().format("delta").load(path).schema();
  }

  /** Adds the columns of {@code incoming} the table lacks (schema evolution); see {@link #admitted}. */
  private void evolve(StructType incoming) {
    StructType current = columns();
    StructType evolved = admitted(current, incoming);
    if (evolved.fields().length > current.fields().length) {
      spark.createDataFrame(List.<Row>of(), evolved.add(CDC_SEQ, DataTypes.StringType)).write().format("delta")
          .mode(SaveMode.Append).option("mergeSchema", "true").save(path);
    }
  }

  /**
   * The table's columns once a file's are admitted: {@code table} plus the file's columns it lacks (the file's
   * {@code header__} columns aside); a column of {@code table} that the file lacks, or has with another type,
   * fails the load naming it.
   */
  public static StructType admitted(StructType table, StructType file) {
    StructField[] incoming = Arrays.stream(file.fields()).filter(f -> !f.name().startsWith("header__"))
        .toArray(StructField[]::new);
    Map<String, StructField> byName = Arrays.stream(incoming)
        .collect(Collectors.toMap(f -> f.name().toLowerCase(Locale.ROOT), f -> f));
    for (StructField field : table.fields()) {
      StructField now = byName.get(field.name().toLowerCase(Locale.ROOT));
      if (now == null) {
        throw new LoadFailedException("column " + field.name() + " of the current table is missing from the file"
            + " (removed columns are not supported: reload the table with a new snapshot)");
      }
      if (!now.dataType().equals(field.dataType())) {
        throw new LoadFailedException("column " + field.name() + " is " + now.dataType().simpleString()
            + " in the file but " + field.dataType().simpleString() + " in the current table (retyped columns are"
            + " not supported: reload the table with a new snapshot)");
      }
    }
    return new StructType(Stream.concat(Arrays.stream(table.fields()),
        Arrays.stream(incoming)
            .filter(f -> Arrays.stream(table.fields()).noneMatch(c -> c.name().equalsIgnoreCase(f.name()))))
        .toArray(StructField[]::new));
  }

  /** {@code rows} without those whose key was deleted by a change at least as new (any change, for snapshot rows). */
  private Dataset<Row> withoutDeleted(Dataset<Row> rows, List<String> key, boolean bySeq) {
    if (!DeltaTable.isDeltaTable(spark, deletesPath)) {
      return rows;
    }
    Dataset<Row> deleted = spark.read().format("delta").load(deletesPath);
    Column match = key.stream().map(k -> rows.col(quoted(k)).eqNullSafe(deleted.col(quoted(k))))
        .reduce(Column::and).orElseThrow();
    if (bySeq) {
      match = match.and(deleted.col(CDC_SEQ).geq(rows.col(SEQ)));
    }
    return rows.join(deleted, match, "left_anti");
  }

  /** Appends the deletes (key and change_seq): a key may appear more than once, the newest delete counts. */
  private void rememberDeletes(Dataset<Row> deletes, List<String> key) {
    deletes.coalesce(spark.sparkContext().defaultParallelism()).select(Stream.concat(key.stream().map(k -> col(quoted(k))),
        Stream.of(col(SEQ).as(CDC_SEQ))).toArray(Column[]::new))
        .write().format("delta").mode(SaveMode.Append).save(deletesPath);
  }

  private static Map<String, String> values(StructType columns, String alias) {
    Map<String, String> values = new LinkedHashMap<>();
    for (StructField field : columns.fields()) {
      values.put(quoted(field.name()), alias + "." + quoted(field.name()));
    }
    return values;
  }
}
