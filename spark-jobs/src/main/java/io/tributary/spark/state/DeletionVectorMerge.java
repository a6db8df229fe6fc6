package io.tributary.spark.state;

import static io.tributary.spark.state.KeyedMerge.quoted;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import io.tributary.spark.state.KeyedMerge.Changes;
import io.tributary.spark.state.KeyedMerge.Versions;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.IntStream;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.delta.DeltaLog;
import org.apache.spark.sql.delta.DeltaOperations;
import org.apache.spark.sql.delta.NoMapping$;
import org.apache.spark.sql.delta.OptimisticTransaction;
import org.apache.spark.sql.delta.Snapshot;
import org.apache.spark.sql.delta.actions.Action;
import org.apache.spark.sql.delta.actions.AddFile;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataType;
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
 * space reads and joins every column of every file.
 *
 * <p>It serves batches of up to {@link #MAX_BATCH_ROWS} versions. Unless the batch is known to hold each key once
 * ({@link Changes#oneVersionPerKey}), the driver collects its keys to see whether one comes twice (a Spark job);
 * if one does, the batch is reduced to each key's newest. The batch's keys and versions are then sent to every
 * task of a scan of the table's files (read as plain Parquet with their physical row indexes, rows their current
 * vectors delete left out), which returns the rows it meets to the driver (a job), and the batch's rows are written
 * (a job). Each new row is written whole from the batch, so it serves a batch that carries every column of the
 * table.
 */
final class DeletionVectorMerge {
  /** The table property that lets a table's files carry deletion vectors. */
  static final String PROPERTY = "delta.enableDeletionVectors";
  /** The most versions a batch may hold here: their keys go to every task, the rows they meet to the driver. */
  static final long MAX_BATCH_ROWS = 2_000_000;
  private static final String FILE = "_tributary_file";
  private static final String ROW = "_tributary_row";
  private static final String JOIN_KEY = "_tributary_join_key";
  private static final String STATE_VERSION = "_tributary_state_version";
  private static final String BATCH_JOIN_KEY = "_tributary_batch_join_key";
  private static final String BATCH_VERSION = "_tributary_batch_version";
  private static final String BATCH_KEY = "_tributary_key_";
  private static final String NEWER = "_tributary_newer";
  private static final Set<DataType> INTEGRAL = Set.of(DataTypes.ByteType, DataTypes.ShortType,
      DataTypes.IntegerType, DataTypes.LongType);

  private final SparkSession spark;
  private final String path;
  private final Versions versions;

  DeletionVectorMerge(SparkSession spark, String path, Versions versions) {
    this.spark = spark;
    this.path = path;
    this.versions = versions;
  }

  /**
   * Whether this merge serves {@code batchRows} versions into the table at {@code snapshot}: deletion vectors
   * enabled, no column mapping, and no more than {@link #MAX_BATCH_ROWS}.
   */
  boolean serves(Snapshot snapshot, long batchRows) {
    return snapshot.metadata().configuration().get(PROPERTY).exists(value -> value.equalsIgnoreCase("true"))
        && snapshot.metadata().columnMappingMode() == NoMapping$.MODULE$
        && batchRows <= MAX_BATCH_ROWS;
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
   * Writes the deletion vectors and the new rows of applying {@code changes} (which this merge {@link #serves}, its
   * columns {@link #covers covering} the table's) to the table at {@code snapshot}, whose files are {@code files};
   * {@link Prepared#commit} makes them the table's next version.
   */
  Prepared prepare(Changes changes, List<String> key, Snapshot snapshot, List<AddFile> files) {
    DeltaLog log = DeltaLog.forTable(spark, path);
    OptimisticTransaction txn = log.startTransaction(Option.empty(), Option.apply(snapshot));
    txn.readWholeTable();
    DeletionVectors vectors = new DeletionVectors(log, files);
    StructType table = snapshot.schema();
    // Reduced to each key's newest only where needed; then kept, as it is read twice (matched, then written).
    Dataset<Row> latest = !changes.oneVersionPerKey() && repeatsKeys(changes.versions(), key)
        ? changes.latest().persist(StorageLevel.MEMORY_AND_DISK()) : changes.versions();
    try {
      Met met = met(latest, key, table, vectors);
      List<Action> actions = new ArrayList<>(vectors.mark(met.replaced()));
      actions.addAll(JavaConverters.seqAsJavaList(txn.writeFiles(applied(latest, met.older(), key, table))));
      return new Prepared(txn, actions);
    } finally {
      latest.unpersist();
    }
  }

  /**
   * The table's live rows whose key is one of {@code batch}'s (one version per key), collected: which the batch's
   * version replaces (newer, or the row's version unknown) and the keys of those it does not (as new or newer).
   */
  private Met met(Dataset<Row> batch, List<String> key, StructType table, DeletionVectors vectors) {
    List<Column> stateSide = new ArrayList<>(List.of(joinKey(key, table).as(JOIN_KEY),
        col(quoted(versions.stateOrder())).as(STATE_VERSION), col("_metadata.file_path").as(FILE),
        col("_metadata.row_index").as(ROW)));
    List<Column> batchSide = new ArrayList<>(List.of(joinKey(key, table).as(BATCH_JOIN_KEY),
        col(quoted(versions.changeOrder())).as(BATCH_VERSION)));
    List<Column> kept = new ArrayList<>(List.of(col(FILE), col(ROW), functions.coalesce(
        col(STATE_VERSION).isNull().or(col(BATCH_VERSION).gt(col(STATE_VERSION))), lit(false)).as(NEWER)));
    StructType read = new StructType();
    for (int i = 0; i < key.size(); i++) {
      String k = quoted(key.get(i));
      stateSide.add(col(k));
      batchSide.add(col(k).as(BATCH_KEY + i));
      kept.add(col(k));
      read = read.add(table.apply(key.get(i)));
    }
    for (int i = 0; i < key.size(); i++) {
      kept.add(col(BATCH_KEY + i));
    }
    read = read.add(table.apply(versions.stateOrder()));
    Dataset<Row> stateKeys = spark.read().schema(read).parquet(vectors.locations().toArray(String[]::new))
        .select(stateSide.toArray(Column[]::new));
    Dataset<Row> batchKeys = batch.select(batchSide.toArray(Column[]::new));
    // The keys themselves are compared by the driver: as a filter, Spark would fold them into the join's keys.
    Dataset<Row> met = stateKeys.join(functions.broadcast(batchKeys), col(JOIN_KEY).equalTo(col(BATCH_JOIN_KEY)));
    if (vectors.any()) {
      met = met.where(functions.udf(vectors.live(), DataTypes.BooleanType).apply(col(FILE), col(ROW)));
    }
    Map<String, List<Long>> replaced = new LinkedHashMap<>();
    List<Row> older = new ArrayList<>();
    for (Row row : met.select(kept.toArray(Column[]::new)).collectAsList()) {
      if (!sameKey(row, key.size())) {
        continue; // one long, two keys: a hash's collision, or a null key and the smallest long
      }
      if (row.getBoolean(2)) {
        replaced.computeIfAbsent(row.getString(0), file -> new ArrayList<>()).add(row.getLong(1));
      } else {
        older.add(RowFactory.create(IntStream.range(0, key.size()).mapToObj(i -> row.get(3 + i)).toArray()));
      }
    }
    Map<String, long[]> rows = new LinkedHashMap<>();
    replaced.forEach((file, indexes) -> rows.put(file, indexes.stream().mapToLong(Long::longValue).toArray()));
    StructType keyColumns = new StructType(key.stream().map(table::apply).toArray(StructField[]::new));
    return new Met(rows, older.isEmpty() ? Optional.empty() : Optional.of(spark.createDataFrame(older, keyColumns)));
  }

  /** Whether a row of {@link #met}'s columns pairs a table's row with the batch's version of the same key. */
  private static boolean sameKey(Row row, int keyColumns) {
    for (int i = 0; i < keyColumns; i++) {
      if (!Objects.deepEquals(row.get(3 + i), row.get(3 + keyColumns + i))) {
        return false;
      }
    }
    return true;
  }

  /** The rows a batch met: the row indexes, by file, of those it replaces; the keys of those it does not. */
  private record Met(Map<String, long[]> replaced, Optional<Dataset<Row>> older) {}

  /**
   * The batch's versions that apply, as the table's rows: {@code latest} (one version per key) but those meeting a
   * row as new or newer, and deletes; each column from the batch, the version column from the batch's order.
   */
  private Dataset<Row> applied(Dataset<Row> latest, Optional<Dataset<Row>> older, List<String> key,
      StructType table) {
    Dataset<Row> applying = latest;
    if (older.isPresent()) {
      Column match = lit(true);
      for (String k : key) {
        match = match.and(latest.col(quoted(k)).eqNullSafe(older.get().col(quoted(k))));
      }
      applying = latest.join(functions.broadcast(older.get()), match, "left_anti");
    }
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

  /** Whether {@code versions} hold some key more than once: their keys collected by the driver. */
  private static boolean repeatsKeys(Dataset<Row> versions, List<String> key) {
    Set<List<Object>> seen = new HashSet<>();
    for (Row row : versions.select(key.stream().map(k -> col(quoted(k))).toArray(Column[]::new)).collectAsList()) {
      List<Object> values = new ArrayList<>(key.size());
      for (int i = 0; i < key.size(); i++) {
        values.add(row.get(i) instanceof byte[] bytes ? ByteBuffer.wrap(bytes) : row.get(i));
      }
      if (!seen.add(values)) {
        return true;
      }
    }
    return false;
  }

  /**
   * One long per key for the join: a single whole-number key itself (null as the smallest long), any other key's
   * 64-bit hash. Rows of equal longs are then matched on the key itself.
   */
  private static Column joinKey(List<String> key, StructType table) {
    if (key.size() == 1 && INTEGRAL.contains(table.apply(key.get(0)).dataType())) {
      return functions.coalesce(col(quoted(key.get(0))).cast(DataTypes.LongType), lit(Long.MIN_VALUE));
    }
    return functions.xxhash64(key.stream().map(k -> col(quoted(k))).toArray(Column[]::new));
  }

  @SuppressWarnings("unchecked")
  private static <T> Seq<T> seq(List<? extends T> list) {
    return (Seq<T>) JavaConverters.asScalaBuffer(list).toSeq();
  }
}
