package io.tributary.bench;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;

import io.tributary.local.LocalSpark;
import io.tributary.spark.ingest.JdbcCurrentState;
import io.tributary.spark.ingest.StateKey;
import io.tributary.spark.state.KeyedMerge;
import io.tributary.spark.state.KeyedMerge.Versions;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;

/**
 * A jdbc-ingest job's current state: a state of {@code stateRows} keys, built from {@code windows} RAW windows, and
 * one more window touching {@code touched} of it (half updates of existing keys, half new keys). Tributary merges
 * the window into the state ({@link JdbcCurrentState}: deletion vectors and an append, one commit); the reference rebuilds the state from all
 * windows (each key's newest version, the table rewritten). Both end states are compared (rows and a checksum);
 * prints both times and the ratio. Both sides first run once on a state of the same size, so that the JIT has
 * compiled their code before the timed run; that warm-up's figures are printed too.
 *
 * <p>Both run on a narrow table (the key, its version and two columns) and on a wide one (16 columns more, of
 * text, numbers and times): the merge reads the state's key and version columns whatever the width, the rebuild
 * every column.
 *
 * <p>Usage: {@code bench/run jdbc-state [stateRows=10000000] [windows=10] [touched=0.01] [widths=0,16]}
 */
public final class JdbcStateBenchmark {
  public static void main(String[] args) throws Exception {
    long stateRows = args.length > 0 ? Long.parseLong(args[0]) : 10_000_000L;
    int windows = args.length > 1 ? Integer.parseInt(args[1]) : 10;
    double touched = args.length > 2 ? Double.parseDouble(args[2]) : 0.01;
    List<Integer> widths = Arrays.stream((args.length > 3 ? args[3] : "0,16").split(",")).map(Integer::parseInt)
        .toList();
    Path root = Path.of(System.getProperty("bench.work", "bench/target/conversion")).resolveSibling("jdbc-state")
        .toAbsolutePath();
    SparkSession spark = LocalSpark.start("tributary-bench-jdbc-state");
    for (int extra : widths) {
      // The warm-up is the measured run itself, once: the JIT compiles both sides' code before either is timed.
      Outcome warmUp = measure(spark, root.resolve("warm-up"), stateRows, windows, touched, extra);
      System.out.printf("jdbc-state: %d columns, warm-up run (the JIT compiling both sides' code):"
          + " merge %.1f s, rebuild %.1f s, %.1fx%n", 4 + extra, warmUp.merge(), warmUp.rebuild(),
          warmUp.rebuild() / warmUp.merge());
      Outcome run = measure(spark, root.resolve("run"), stateRows, windows, touched, extra);
      System.out.printf("jdbc-state: %d columns; state of %,d keys from %d windows; a window of %,d rows (%.1f%%:"
          + " half updates, half new keys)%n", 4 + extra, stateRows, windows, run.windowRows(), touched * 100);
      System.out.printf("jdbc-state: %d columns: tributary merges the window in %.1f s (deletion vectors)%n",
          4 + extra, run.merge());
      System.out.printf("jdbc-state: %d columns: reference rebuilds the state from every window in %.1f s%n",
          4 + extra, run.rebuild());
      System.out.printf("jdbc-state: %d columns: speed-up %.1fx (target >= 5x); same end state (%,d rows, checksum"
          + " %d)%n", 4 + extra, run.rebuild() / run.merge(), run.rows(), run.checksum());
    }
    spark.stop();
  }

  /** {@code extra} columns more of a row of key {@code id}: text, whole and decimal numbers, times in turn. */
  private static List<Column> extraColumns(Column id, int extra) {
    List<Column> columns = new ArrayList<>();
    for (int i = 0; i < extra; i++) {
      Column value = switch (i % 4) {
        case 0 -> functions.concat(lit("value-" + i + "-"), id.mod(10_000).cast(DataTypes.StringType));
        case 1 -> id.multiply(i + 3);
        case 2 -> id.mod(1_000_000).divide(7).cast(DataTypes.createDecimalType(12, 2));
        default -> functions.timestamp_seconds(id.mod(100_000_000L).plus(1_500_000_000L));
      };
      columns.add(value.as("c" + i));
    }
    return columns;
  }

  /** Seconds each side took to the same end state (its rows and checksum), and the new window's rows. */
  private record Outcome(double merge, double rebuild, long windowRows, long rows, long checksum) {}

  private static Outcome measure(SparkSession spark, Path work, long stateRows, int windows, double touched,
      int extra) throws Exception {
    CubicBenchmark.deleteTree(work);
    String raw = work.resolve("raw").toString();
    // Window w holds the keys id % windows == w, each version at day w (seconds since the epoch as the order).
    List<Column> stateColumns = new ArrayList<>(List.of(col("id"),
        col("id").mod(windows).cast(DataTypes.IntegerType).as("w"),
        col("id").mod(windows).multiply(86_400L).plus(col("id").mod(86_400L)).as("changed_at"),
        col("id").multiply(7).as("amount"), lit("note").as("note")));
    stateColumns.addAll(extraColumns(col("id"), extra));
    spark.range(stateRows).select(stateColumns.toArray(Column[]::new)).write().partitionBy("w").parquet(raw);
    String state = work.resolve("state").toString();
    // Keyed as a job without primary_key is: by the table's own primary key, which the source enforces.
    JdbcCurrentState current = new JdbcCurrentState(spark, state, new StateKey(List.of("id"), true), "changed_at");
    current.merge(spark.read().parquet(raw).drop("w"), stateRows); // the state so far, as its first window writes it
    long windowRows = Math.max(2, Math.round(stateRows * touched));
    long updates = windowRows / 2;
    // The new window: `updates` existing keys (spread over the key space) with newer versions, and as many new keys.
    List<Column> windowColumns = new ArrayList<>(List.of(col("key").as("id"),
        lit((long) windows * 86_400L).plus(col("key")).as("changed_at"), col("key").multiply(11).as("amount"),
        lit("updated").as("note")));
    windowColumns.addAll(extraColumns(col("key").plus(1), extra));
    Dataset<Row> window = spark.range(windowRows).select(when(col("id").lt(updates),
            col("id").multiply(stateRows / updates)).otherwise(col("id").minus(updates).plus(stateRows)).as("key"))
        .select(windowColumns.toArray(Column[]::new));
    String newWindow = work.resolve("raw").resolve("w=" + windows).toString();
    window.write().parquet(newWindow);

    System.gc(); // each side starts from a collected heap, not the garbage of what ran before it
    long started = System.nanoTime();
    current.merge(spark.read().parquet(newWindow), windowRows);
    double merge = (System.nanoTime() - started) / 1e9;

    String rebuilt = work.resolve("rebuilt").toString();
    System.gc();
    started = System.nanoTime();
    KeyedMerge keyed = new KeyedMerge(spark, rebuilt, new Versions("changed_at", "changed_at", Optional.empty()), 1);
    keyed.latestPerKey(spark.read().parquet(raw).drop("w"), List.of("id")).write().format("delta")
        .mode(SaveMode.Overwrite).save(rebuilt);
    double rebuild = (System.nanoTime() - started) / 1e9;

    Dataset<Row> mine = spark.read().format("delta").load(state);
    Dataset<Row> theirs = spark.read().format("delta").load(rebuilt);
    long rows = mine.count();
    long checksum = checksum(mine);
    if (rows != theirs.count() || checksum != checksum(theirs)) {
      throw new IllegalStateException("the end states differ: merged " + rows + " rows, checksum " + checksum
          + "; rebuilt " + theirs.count() + " rows, checksum " + checksum(theirs));
    }
    return new Outcome(merge, rebuild, windowRows, rows, checksum);
  }

  private static long checksum(Dataset<Row> table) {
    String columns = String.join(", ", Arrays.stream(table.columns()).sorted().toList());
    Row sum = table.selectExpr("sum(cast(xxhash64(" + columns + ") % 1000000007 as decimal(38,0)))").first();
    return sum.isNullAt(0) ? 0 : sum.getDecimal(0).longValue();
  }
}
