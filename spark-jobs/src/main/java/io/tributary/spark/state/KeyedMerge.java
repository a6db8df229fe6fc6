package io.tributary.spark.state;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import io.delta.tables.DeltaTable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.delta.DeltaLog;
import org.apache.spark.sql.delta.Snapshot;
import org.apache.spark.sql.delta.VersionChecksum;
import org.apache.spark.sql.delta.actions.AddFile;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import scala.Option;
import scala.collection.JavaConverters;
import scala.collection.Seq;

/**
 * Merges versions of rows into a current-state Delta table keyed by a primary key: the one implementation behind
 * Cubic's current state and a JDBC job's. Each key's newest version in a batch (by {@link Versions#changeOrder})
 * replaces the table's row only when newer than the version the row came from ({@link Versions#stateOrder}, null
 * for a row of no known version), so a re-run or an older batch never overwrites newer data. A version may be a
 * delete ({@link Versions#operation}). One commit per batch, by one of three ways with the same outcome:
 * <ul>
 *   <li>a batch of at least {@code rewriteShare} of the table's rows: one full outer join committed as one
 *       overwrite;
 *   <li>a smaller batch (up to {@link DeletionVectorMerge#MAX_BATCH_ROWS} versions) into a table with deletion
 *       vectors ({@link #DELETION_VECTORS}) whose rows the batch gives whole: {@link DeletionVectorMerge}, which
 *       reads only the table's key and version columns, marks the rows replaced and appends the new versions;
 *   <li>otherwise a Delta MERGE, which rewrites the files holding the batch's keys.
 * </ul>
 */
public final class KeyedMerge {
  /** The table property that lets a table's files carry deletion vectors, which a merge then writes. */
  public static final String DELETION_VECTORS = DeletionVectorMerge.PROPERTY;
  /**
   * The session setting under which each commit lists the table's files in its checksum file (below Delta's
   * threshold of files), so a merge finds them without rebuilding the table's state in a Spark job.
   */
  public static final String FILES_IN_CHECKSUM = "spark.databricks.delta.allFilesInCrc.enabled";
  /** Marks each side of the rewrite's join, so a row present on one side only is told from a null. */
  private static final String SIDE = "_tributary_side";
  private final SparkSession spark;
  private final String path;
  private final Versions versions;
  private final double rewriteShare;

  /**
   * How versions are ordered and told apart.
   *
   * @param changeOrder the batch's column ordering a key's versions (Cubic's {@code header__change_seq}, a JDBC
   *     job's {@code order_by} column)
   * @param stateOrder the table's column holding the version a row came from; the same as {@code changeOrder} when
   *     that is one of the row's own columns
   * @param operation the batch's column saying what a version is, if it has one: {@code D} a delete, {@code B} a
   *     before-image (ignored); anything else an upsert. Without it every version is an upsert.
   */
  public record Versions(String changeOrder, String stateOrder, Optional<String> operation) {}

  /**
   * A batch to apply: its versions (before-images dropped), and each key's newest of them ({@link #latestPerKey}),
   * computed only by a way of merging that needs it. Where the batch holds one version per key already, both are
   * the same rows ({@link #ofLatest}).
   */
  public record Changes(Dataset<Row> versions, Dataset<Row> latest) {
    /** A batch of at most one version per key. */
    public static Changes ofLatest(Dataset<Row> latest) {
      return new Changes(latest, latest);
    }

    /** Whether the batch is known to hold at most one version per key ({@link #ofLatest}). */
    public boolean oneVersionPerKey() {
      return versions == latest;
    }
  }

  /** A merge into the Delta table at {@code path}. */
  public KeyedMerge(SparkSession spark, String path, Versions versions, double rewriteShare) {
    this.spark = spark;
    this.path = path;
    this.versions = versions;
    this.rewriteShare = rewriteShare;
  }

  /** {@code changes} as a batch to {@link #apply}: its versions and each key's newest. */
  public Changes changes(Dataset<Row> changes, List<String> key) {
    return new Changes(withoutBeforeImages(changes), latestPerKey(changes, key));
  }

  /** Each key's newest version in {@code changes} (before-images dropped). */
  public Dataset<Row> latestPerKey(Dataset<Row> changes, List<String> key) {
    return withoutBeforeImages(changes).withColumn("_rank", functions.row_number().over(Window
            .partitionBy(key.stream().map(k -> col(quoted(k))).toArray(Column[]::new))
            .orderBy(col(quoted(versions.changeOrder())).desc_nulls_last())))
        .where("_rank = 1").drop("_rank");
  }

  private Dataset<Row> withoutBeforeImages(Dataset<Row> changes) {
    return versions.operation().map(op -> changes.where(col(quoted(op)).notEqual("B"))).orElse(changes);
  }

  /**
   * Applies {@code changes} ({@link #changes}, or {@link Changes#ofLatest}) to the table in one commit: a rewrite
   * when {@code batchRows} is at least the rewrite share of the table's rows, deletion vectors where the table has
   * them, a MERGE otherwise. {@code columns} are the batch's columns the table's rows take (the state-order column
   * aside).
   */
  public void apply(Changes changes, StructType columns, List<String> key, long batchRows) {
    apply(changes, columns, key, batchRows, snapshot(spark, path));
  }

  /** {@link #apply(Changes, StructType, List, long)} to the table at {@code snapshot}, its log as it stands now. */
  public void apply(Changes changes, StructType columns, List<String> key, long batchRows, Snapshot snapshot) {
    List<AddFile> files = files(snapshot);
    DeletionVectorMerge marking = new DeletionVectorMerge(spark, path, versions);
    if (batchRows >= rewriteShare * rows(snapshot, files)) {
      rewrite(changes.latest(), columns, key);
    } else if (!files.isEmpty() && marking.serves(snapshot, batchRows)
        && marking.covers(snapshot.schema(), columns)) {
      marking.prepare(changes, key, snapshot, files).commit();
    } else {
      merge(changes.latest(), columns, key);
    }
  }

  /** The Delta table at {@code path} as its log stands now. */
  public static Snapshot snapshot(SparkSession spark, String path) {
    return DeltaLog.forTable(spark, path).update(false, Option.empty(), Option.empty());
  }

  /**
   * The table's files at {@code snapshot}: from the version's checksum file where Delta wrote them there
   * ({@link #FILES_IN_CHECKSUM}), otherwise rebuilt from the log by a Spark job.
   */
  public static List<AddFile> files(Snapshot snapshot) {
    Option<Seq<AddFile>> listed = snapshot.checksumOpt().flatMap(VersionChecksum::allFiles);
    return listed.isDefined() ? JavaConverters.seqAsJavaList(listed.get())
        : snapshot.allFiles().collectAsList();
  }

  /** The table's rows at {@code snapshot} (its {@code files}), from the files' statistics where each has them. */
  private long rows(Snapshot snapshot, List<AddFile> files) {
    long rows = 0;
    for (AddFile file : files) {
      if (file.numLogicalRecords().isEmpty()) {
        return spark.read().format("delta").option("versionAsOf", snapshot.version()).load(path).count();
      }
      rows += (Long) file.numLogicalRecords().get();
    }
    return rows;
  }

  /** Few versions: a Delta MERGE rewrites only the files holding their keys. */
  private void merge(Dataset<Row> latest, StructType columns, List<String> key) {
    Map<String, String> values = values(columns);
    String newer = newer();
    var merge = DeltaTable.forPath(spark, path).as("t").merge(latest.as("s"), keyMatch(key));
    if (versions.operation().isPresent()) {
      String op = "s." + quoted(versions.operation().get());
      merge.whenMatched(op + " = 'D' AND " + newer).delete()
          .whenMatched(op + " <> 'D' AND " + newer).updateExpr(values)
          .whenNotMatched(op + " <> 'D'").insertExpr(values)
          .execute();
    } else {
      merge.whenMatched(newer).updateExpr(values).whenNotMatched().insertExpr(values).execute();
    }
  }

  /**
   * Many versions (a catch-up, a day's files at once): they touch nearly every file, where a MERGE would join
   * twice and rewrite them all anyway; the same outcome as {@link #merge}, computed by one full outer join on
   * the key and committed as one Delta overwrite, so readers see the state before or after, never between.
   */
  private void rewrite(Dataset<Row> latest, StructType columns, List<String> key) {
    Dataset<Row> table = spark.read().format("delta").load(path);
    Column match = key.stream().map(k -> col("t." + quoted(k)).eqNullSafe(col("s." + quoted(k))))
        .reduce(Column::and).orElseThrow();
    // As the MERGE's clauses: a version applies where it is newer than the row (or there is no row); applied, a
    // delete drops the row and anything else becomes it; otherwise the row stays as it is.
    Column present = versions.operation().map(op -> col("s." + quoted(op)).isNotNull()).orElse(lit(true));
    Column applied = functions.coalesce(col("s." + SIDE).and(functions.expr(newer())).and(present), lit(false));
    Column isDelete = versions.operation().map(op -> functions.coalesce(col("s." + quoted(op)).equalTo("D"),
        lit(false))).orElse(lit(false));
    Column kept = applied.and(functions.not(isDelete))
        .or(functions.not(applied).and(col("t." + SIDE).isNotNull()));
    List<String> batchColumns = Arrays.asList(columns.fieldNames());
    List<Column> out = new ArrayList<>();
    for (StructField field : table.schema().fields()) {
      String name = quoted(field.name());
      Column version = field.name().equals(versions.stateOrder()) ? col("s." + quoted(versions.changeOrder()))
          : batchColumns.contains(field.name()) ? col("s." + name) : lit(null);
      out.add(functions.when(applied, version.cast(field.dataType())).otherwise(col("t." + name)).as(field.name()));
    }
    // Hashing the batch, not sorting the whole table, to match it (a full outer shuffled hash join).
    table.withColumn(SIDE, lit(true)).as("t")
        .join(latest.withColumn(SIDE, lit(true)).hint("shuffle_hash").as("s"), match, "full_outer")
        .where(kept)
        .select(out.toArray(Column[]::new))
        .write().format("delta").mode(SaveMode.Overwrite).save(path);
  }

  /** A version newer than the row it meets, or meeting a row of no known version: the condition to apply it. */
  private String newer() {
    String state = "t." + quoted(versions.stateOrder());
    return "(" + state + " IS NULL OR s." + quoted(versions.changeOrder()) + " > " + state + ")";
  }

  private Map<String, String> values(StructType columns) {
    Map<String, String> values = new LinkedHashMap<>();
    for (StructField field : columns.fields()) {
      values.put(quoted(field.name()), "s." + quoted(field.name()));
    }
    values.put(quoted(versions.stateOrder()), "s." + quoted(versions.changeOrder()));
    return values;
  }

  /** The MERGE condition matching rows of one key, nulls equal. */
  public static String keyMatch(List<String> key) {
    return key.stream().map(k -> "t." + quoted(k) + " <=> s." + quoted(k)).collect(Collectors.joining(" AND "));
  }

  /** {@code name} quoted for a Spark SQL expression. */
  public static String quoted(String name) {
    return "`" + name.replace("`", "``") + "`";
  }
}
