package io.tributary.spark.state;

import static io.tributary.spark.state.KeyedMerge.quoted;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.not;

import io.tributary.spark.state.KeyedMerge.Versions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.delta.DeltaLog;
import org.apache.spark.sql.delta.DeltaOperations;
import org.apache.spark.sql.delta.NoMapping$;
import org.apache.spark.sql.delta.OptimisticTransaction;
import org.apache.spark.sql.delta.Snapshot;
import org.apache.spark.sql.delta.actions.Action;
import org.apache.spark.sql.delta.actions.AddFile;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.storage.StorageLevel;
import scala.Option;
import scala.collection.JavaConverters;
import scala.collection.Seq;

/**
 * Applies a batch of keyed versions to a Delta table that has deletion vectors, reading of the table only its key
 * and version columns: each row a newer version replaces or deletes is marked in its file's deletion vector, and
 * the versions that apply are written as new files, all in one commit. The outcome is the MERGE's; the cost is a
 * scan of the key and version columns and a write of the batch, where a MERGE of versions spread over the key
 * space reads and joins every column of every file. The table's files are read as plain Parquet with their
 * physical row indexes, and rows their current vectors delete are left out of the match. Each new row is written
 * whole from the batch, so it serves a batch that carries every column of the table.
 */
final class DeletionVectorMerge {
  /** The table property that lets a table's files carry deletion vectors. */
  static final String PROPERTY = "delta.enableDeletionVectors";
  private static final String FILE = "_tributary_file";
  private static final String ROW = "_tributary_row";
  private static final String HASH = "_tributary_hash";
  private static final String STATE_VERSION = "_tributary_state_version";
  private static final String BATCH_HASH = "_tributary_batch_hash";
  private static final String BATCH_VERSION = "_tributary_batch_version";
  private static final String BATCH_KEY = "_tributary_key_";
  private static final String NEWER = "_tributary_newer";
  /** Up to this many versions the batch's keys are sent to every task; beyond it both sides are hashed. */
  private static final long BROADCAST_ROWS = 2_000_000;

  private final SparkSession spark;
  private final String path;
  private final Versions versions;

  DeletionVectorMerge(SparkSession spark, String path, Versions versions) {
    this.spark = spark;
    this.path = path;
    this.versions = versions;
  }

  /** Whether this merge serves the table at {@code snapshot}: deletion vectors enabled, no column mapping. */
  static boolean serves(Snapshot snapshot) {
    return snapshot.metadata().configuration().get(PROPERTY).exists(value -> value.equalsIgnoreCase("true"))
        && snapshot.metadata().columnMappingMode() == NoMapping$.MODULE$;
  }

  /** Whether a batch of {@code columns} gives every column of {@code table} but the version column. */
  boolean covers(StructType table, StructType columns) {
    List<String> batchColumns = List.of(columns.fieldNames());
    for (StructField field : table.fields()) {
      if (!field.name().equals(versions.stateOrder()) && !batchColumns.contains(field.name())) {
        return false;
      }
    }
    return true;
  }

  /**
   * A merge whose files are written, its commit still to make. Until {@link #commit} the table is as it was: a run
   * that stops here leaves only files no version of the table names.
   */
  record Prepared(OptimisticTransaction txn, List<Action> actions) {
    /** Commits the merge (Delta's conflict check against commits since its snapshot included). */
    void commit() {
      txn.commit(seq(actions), new DeltaOperations.Merge(Option.empty(), Option.empty(), Option.empty(),
          Option.empty(), seq(List.of()), seq(List.of()), seq(List.of())));
    }
  }

  /**
   * Writes the deletion vectors and the new rows of applying {@code latest} (at most one version per key,
   * {@code batchRows} at most, its columns {@link #covers covering} the table's) to the table at {@code snapshot},
   * whose files are {@code files}; {@link Prepared#commit} makes them the table's next version.
   */
  Prepared prepare(Dataset<Row> latest, List<String> key, long batchRows, Snapshot snapshot, List<AddFile> files) {
    DeltaLog log = DeltaLog.forTable(spark, path);
    OptimisticTransaction txn = log.startTransaction(Option.empty(), Option.apply(snapshot));
    txn.readWholeTable();
    DeletionVectors vectors = new DeletionVectors(log, files);
    boolean small = batchRows <= BROADCAST_ROWS;
    Dataset<Row> batch = small ? latest.persist(StorageLevel.MEMORY_AND_DISK()) : latest; // matched, then written
    Dataset<Row> hashed = hashed(batch, key, snapshot.schema(), vectors, small)
        .persist(StorageLevel.MEMORY_AND_DISK());
    // Filtered once kept, so the key check stays out of the join.
    Dataset<Row> met = hashed.where(sameKey(key));
    if (vectors.any()) {
      met = met.where(functions.udf(vectors.live(), DataTypes.BooleanType).apply(col(FILE), col(ROW)));
    }
    try {
      List<Action> actions = new ArrayList<>(vectors.mark(replaced(met)));
      actions.addAll(JavaConverters.seqAsJavaList(txn.writeFiles(applied(batch, met, key, snapshot.schema(),
          small))));
      return new Prepared(txn, actions);
    } finally {
      hashed.unpersist();
      batch.unpersist();
    }
  }

  /**
   * The table's physical rows whose key hashes as one of the batch's (so the join hashes a long), with both keys
   * and whether the batch's version is newer: the files read as Parquet with their rows' indexes.
   */
  private Dataset<Row> hashed(Dataset<Row> batch, List<String> key, StructType table, DeletionVectors vectors,
      boolean small) {
    List<Column> stateSide = new ArrayList<>(List.of(keyHash(key).as(HASH),
        col(quoted(versions.stateOrder())).as(STATE_VERSION), col("_metadata.file_path").as(FILE),
        col("_metadata.row_index").as(ROW)));
    List<Column> batchSide = new ArrayList<>(List.of(keyHash(key).as(BATCH_HASH),
        col(quoted(versions.changeOrder())).as(BATCH_VERSION)));
    List<Column> kept = new ArrayList<>(List.of(col(FILE), col(ROW),
        col(STATE_VERSION).isNull().or(col(BATCH_VERSION).gt(col(STATE_VERSION))).as(NEWER)));
    StructType read = new StructType();
    for (int i = 0; i < key.size(); i++) {
      String k = quoted(key.get(i));
      stateSide.add(col(k));
      batchSide.add(col(k).as(BATCH_KEY + i));
      kept.add(col(k));
      kept.add(col(BATCH_KEY + i));
      read = read.add(table.apply(key.get(i)));
    }
    read = read.add(table.apply(versions.stateOrder()));
    Dataset<Row> stateKeys = spark.read().schema(read).parquet(vectors.locations().toArray(String[]::new))
        .select(stateSide.toArray(Column[]::new));
    Dataset<Row> batchKeys = batch.select(batchSide.toArray(Column[]::new));
    batchKeys = small ? functions.broadcast(batchKeys) : batchKeys.hint("shuffle_hash");
    return stateKeys.join(batchKeys, col(HASH).equalTo(col(BATCH_HASH))).select(kept.toArray(Column[]::new));
  }

  /** A row of {@link #hashed} whose key is the batch's, nulls equal (as a MERGE matches). */
  private static Column sameKey(List<String> key) {
    Column same = lit(true);
    for (int i = 0; i < key.size(); i++) {
      same = same.and(col(quoted(key.get(i))).eqNullSafe(col(BATCH_KEY + i)));
    }
    return same;
  }

  /** The row indexes, by file, of the rows a newer version replaces or deletes. */
  private static Map<String, long[]> replaced(Dataset<Row> met) {
    Map<String, long[]> rows = new LinkedHashMap<>();
    for (Row file : met.where(col(NEWER)).groupBy(FILE).agg(functions.collect_list(ROW)).collectAsList()) {
      rows.put(file.getString(0), file.<Long>getList(1).stream().mapToLong(Long::longValue).toArray());
    }
    return rows;
  }

  /**
   * The batch's versions that apply, as the table's rows: those newer than the row they meet or meeting none, a
   * delete aside; each column from the batch, the version column from the batch's order.
   */
  private Dataset<Row> applied(Dataset<Row> batch, Dataset<Row> met, List<String> key, StructType table,
      boolean small) {
    Dataset<Row> older = met.where(not(col(NEWER)));
    older = small ? functions.broadcast(older) : older;
    Column match = lit(true);
    for (String k : key) {
      match = match.and(batch.col(quoted(k)).eqNullSafe(older.col(quoted(k))));
    }
    Dataset<Row> applying = batch.join(older, match, "left_anti");
    if (versions.operation().isPresent()) {
      applying = applying.where(col(quoted(versions.operation().get())).notEqual("D"));
    }
    List<Column> out = new ArrayList<>();
    for (StructField field : table.fields()) {
      String source = field.name().equals(versions.stateOrder()) ? versions.changeOrder() : field.name();
      out.add(col(quoted(source)).cast(field.dataType()).as(field.name()));
    }
    return applying.select(out.toArray(Column[]::new));
  }

  private static Column keyHash(List<String> key) {
    return functions.xxhash64(key.stream().map(k -> col(quoted(k))).toArray(Column[]::new));
  }

  @SuppressWarnings("unchecked")
  private static <T> Seq<T> seq(List<? extends T> list) {
    return (Seq<T>) JavaConverters.asScalaBuffer(list).toSeq();
  }
}
