package io.tributary.bench;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;

import io.tributary.local.LocalSpark;
import io.tributary.spark.ingest.JdbcCurrentState;
import io.tributary.spark.state.KeyedMerge;
import io.tributary.spark.state.KeyedMerge.Versions;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;

/**
 * A jdbc-ingest job's current state: a state of {@code stateRows} keys, built from {@code windows} RAW windows, and
 * one more window touching {@code touched} of it (half updates of existing keys, half new keys). Tributary merges
 * the window into the state ({@link JdbcCurrentState}, one Delta MERGE); the reference rebuilds the state from all
 * windows (each key's newest version, the table rewritten). Both end states are compared (rows and a checksum);
 * prints both times and the ratio. Both sides first run once, untimed, on a small state.
 *
 * <p>Usage: {@code bench/run jdbc-state [stateRows=10000000] [windows=10] [touched=0.01]}
 */
public final class JdbcStateBenchmark {
  public static void main(String[] args) throws Exception {
    long stateRows = args.length > 0 ? Long.parseLong(args[0]) : 10_000_000L;
    int windows = args.length > 1 ? Integer.parseInt(args[1]) : 10;
    double touched = args.length > 2 ? Double.parseDouble(args[2]) : 0.01;
    Path root = Path.of(System.getProperty("bench.work", "bench/target/conversion")).resolveSibling("jdbc-state")
        .toAbsolutePath();
    SparkSession spark = LocalSpark.start("tributary-bench-jdbc-state");
    Outcome warmUp = measure(spark, root.resolve("warm-up"), 200_000, windows, touched);
    System.out.printf("jdbc-state: warm-up on a 200,000-row state: merge %.1f s, rebuild %.1f s%n", warmUp.merge(),
        warmUp.rebuild());
    Outcome run = measure(spark, root.resolve("run"), stateRows, windows, touched);
    spark.stop();
    System.out.printf("jdbc-state: state of %,d keys from %d windows; a window of %,d rows (%.1f%%: half updates,"
        + " half new keys)%n", stateRows, windows, run.windowRows(), touched * 100);
    System.out.printf("jdbc-state: tributary merges the window in %.1f s (one Delta MERGE)%n", run.merge());
    System.out.printf("jdbc-state: reference rebuilds the state from every window in %.1f s%n", run.rebuild());
    System.out.printf("jdbc-state: speed-up %.1fx (target >= 5x); same end state (%,d rows, checksum %d)%n",
        run.rebuild() / run.merge(), run.rows(), run.checksum());
  }

  /** Seconds each side took to the same end state (its rows and checksum), and the new window's rows. */
  private record Outcome(double merge, double rebuild, long windowRows, long rows, long checksum) {}

  private static Outcome measure(SparkSession spark, Path work, long stateRows, int windows, double touched)
      throws Exception {
    CubicBenchmark.deleteTree(work);
    String raw = work.resolve("raw").toString();
    // Window w holds the keys id % windows == w, each version at day w (seconds since the epoch as the order).
    spark.range(stateRows).select(col("id"), col("id").mod(windows).cast(DataTypes.IntegerType).as("w"),
            col("id").mod(windows).multiply(86_400L).plus(col("id").mod(86_400L)).as("changed_at"),
            col("id").multiply(7).as("amount"), lit("note").as("note"))
        .write().partitionBy("w").parquet(raw);
    String state = work.resolve("state").toString();
    JdbcCurrentState current = new JdbcCurrentState(spark, state, List.of("id"), "changed_at");
    current.merge(spark.read().parquet(raw).drop("w"), stateRows); // the state so far, as its first window writes it
    long windowRows = Math.max(2, Math.round(stateRows * touched));
    long updates = windowRows / 2;
    // The new window: `updates` existing keys (spread over the key space) with newer versions, and as many new keys.
    Dataset<Row> window = spark.range(windowRows).select(
        when(col("id").lt(updates), col("id").multiply(stateRows / updates))
            .otherwise(col("id").minus(updates).plus(stateRows)).as("id"),
        lit((long) windows * 86_400L).plus(col("id")).as("changed_at"), col("id").multiply(11).as("amount"),
        lit("updated").as("note"));
    String newWindow = work.resolve("raw").resolve("w=" + windows).toString();
    window.write().parquet(newWindow);

    long started = System.nanoTime();
    current.merge(spark.read().parquet(newWindow), windowRows);
    double merge = (System.nanoTime() - started) / 1e9;

    String rebuilt = work.resolve("rebuilt").toString();
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
    Row sum = table.selectExpr("sum(cast(xxhash64(id, changed_at, amount, note) % 1000000007 as decimal(38,0)))")
        .first();
    return sum.isNullAt(0) ? 0 : sum.getDecimal(0).longValue();
  }
}
