package io.tributary.bench;

import static org.apache.spark.sql.functions.col;

import io.tributary.core.config.CubicSource;
import io.tributary.core.catalog.LakeCatalog;
import io.tributary.core.kind.cubic.LoadStatus;
import io.tributary.local.LocalSpark;
import io.tributary.local.LocalStores;
import io.tributary.spark.cubic.CubicIngestReport;
import io.tributary.spark.cubic.CubicIngestion;
import io.tributary.spark.cubic.QlikFeed.Column;
import io.tributary.spark.cubic.QlikFeed;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Random;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.expressions.Window;

/**
 * Cubic ingestion: a snapshot of {@code snapshotRows} rows plus {@code files} change files of {@code changes}
 * changes each, ingested to the current state by Tributary (raw Parquet per file, the Delta table built from
 * the snapshot and the change files applied, registry in DynamoDB Local, files archived), against a plain Spark
 * reference that rebuilds the whole table per change file (full outer join of the state with the file's last
 * change per key, whole table rewritten). Both end states are compared (rows and a checksum); prints times,
 * rows/s and the ratio. Both sides first run once, untimed, on a small feed, so neither is timed warming up.
 *
 * <p>Usage: {@code bench/run cubic [snapshotRows=5000000] [files=20] [changes=100000]}
 */
public final class CubicBenchmark {
  static final List<Column> COLUMNS = List.of(Column.key("SAMPLE_ID", "INT8", 1), Column.of("STOP_ID", "INT4"),
      Column.of("NAME", "STRING"), new Column("AMOUNT", "NUMERIC", 12, 2, 0), Column.of("UPDATED", "DATETIME"),
      Column.of("ACTIVE", "BOOLEAN"));
  static final Instant T0 = Instant.parse("2026-11-01T00:00:00Z");

  public static void main(String[] args) throws Exception {
    long snapshotRows = args.length > 0 ? Long.parseLong(args[0]) : 5_000_000L;
    int files = args.length > 1 ? Integer.parseInt(args[1]) : 20;
    int changes = args.length > 2 ? Integer.parseInt(args[2]) : 100_000;
    Path root = Path.of(System.getProperty("bench.work", "bench/target/conversion")).resolveSibling("cubic")
        .toAbsolutePath();
    SparkSession spark = LocalSpark.start("tributary-bench-cubic");
    // Both sides first run once on a small feed, so that neither is timed while the JVM warms up.
    Outcome warmUp = measure(spark, root.resolve("warm-up"), 200_000, 3, 20_000);
    System.out.printf("cubic: warm-up on a 200,000-row snapshot and 3 change files: tributary %.1f s,"
        + " reference %.1f s%n", warmUp.tributary(), warmUp.reference());
    Outcome run = measure(spark, root.resolve("run"), snapshotRows, files, changes);
    spark.stop();
    long input = snapshotRows + (long) files * changes;
    System.out.printf("cubic: tributary %.1f s to current state (%,.0f input rows/s, %,d rows in the table)%n",
        run.tributary(), input / run.tributary(), run.rows());
    System.out.printf("cubic: reference (plain Spark, whole table rebuilt per change file) %.1f s"
        + " (%,.0f input rows/s)%n", run.reference(), input / run.reference());
    System.out.printf("cubic: speed-up %.2fx (target >= 3x); same end state (%,d rows, checksum %d)%n",
        run.reference() / run.tributary(), run.rows(), run.checksum());
  }

  /** Seconds each side took to the same end state (its rows and checksum). */
  private record Outcome(double tributary, double reference, long rows, long checksum) {}

  /** Generates a feed below {@code work}, ingests it with Tributary and replays it with the reference. */
  private static Outcome measure(SparkSession spark, Path work, long snapshotRows, int files, int changes)
      throws Exception {
    deleteTree(work);
    long started = System.nanoTime();
    QlikFeed feed = new QlikFeed(work.resolve("incoming"));
    feed.snapshot("EDW.SAMPLE", "LOAD00000001.csv.gz", COLUMNS, () -> snapshot(snapshotRows), T0);
    Random random = new Random(42);
    long[] seq = {0};
    long[] nextKey = {snapshotRows};
    for (int f = 1; f <= files; f++) {
      List<List<String>> rows = changeFile(random, changes, seq, nextKey);
      feed.changes("EDW.SAMPLE", String.format("20261101-%06d000.csv.gz", f), COLUMNS, rows, T0.plusSeconds(60L * f));
    }
    System.out.printf("cubic: generated a %,d-row snapshot and %d change files of %,d changes (+ before-images) in"
        + " %.1f s below %s%n", snapshotRows, files, changes, (System.nanoTime() - started) / 1e9, work);
    Path reference = Files.createDirectories(work.resolve("reference-input"));
    copyTree(work.resolve("incoming"), reference);

    double tributary;
    long tributaryRows;
    long tributarySum;
    try (LocalStores stores = LocalStores.start()) {
      List<String> problems = new ArrayList<>();
      CubicSource source = CubicSource.parse("incoming=file:" + work.resolve("incoming") + ";springboard=file:"
          + work.resolve("springboard") + ";archive=file:" + work.resolve("archive") + ";error=file:"
          + work.resolve("error") + ";tables=*;dfm_grace_minutes=0", problems);
      long t = System.nanoTime();
      CubicIngestReport report = new CubicIngestion(spark, stores.cubic(), LakeCatalog.none(),
          spark.sparkContext().hadoopConfiguration(), source, Clock.fixed(T0.plusSeconds(86_400), ZoneOffset.UTC),
          "bench", true).run();
      tributary = (System.nanoTime() - t) / 1e9;
      if (report.in(LoadStatus.ARCHIVED).size() != files + 1) {
        throw new IllegalStateException("not every load archived:\n" + report.render());
      }
      Dataset<Row> current = spark.read().format("delta").load(work.resolve("springboard/current/cubic/ods_qlik/EDW.SAMPLE").toString());
      tributaryRows = current.count();
      tributarySum = checksum(current);
    }
    long t = System.nanoTime();
    Dataset<Row> state = referenceReplay(spark, reference, files, work.resolve("reference-state"));
    double plain = (System.nanoTime() - t) / 1e9;
    long plainRows = state.count();
    long plainSum = checksum(state);
    if (plainRows != tributaryRows || plainSum != tributarySum) {
      throw new IllegalStateException("the end states differ: tributary " + tributaryRows + " rows, checksum "
          + tributarySum + "; reference " + plainRows + " rows, checksum " + plainSum);
    }
    return new Outcome(tributary, plain, plainRows, plainSum);
  }

  private static Iterator<List<String>> snapshot(long rows) {
    return new Iterator<>() {
      long next;

      @Override
      public boolean hasNext() {
        return next < rows;
      }

      @Override
      public List<String> next() {
        return row(next++, "snapshot");
      }
    };
  }

  private static List<String> row(long id, String name) {
    return List.of(Long.toString(id), Long.toString(id % 9000), name + " " + id, (id % 100000) + "." + (id % 90 + 10),
        "2026-01-01 00:00:" + String.format("%02d", id % 60), id % 2 == 0 ? "true" : "false");
  }

  private static List<List<String>> changeFile(Random random, int changes, long[] seq, long[] nextKey) {
    List<List<String>> rows = new ArrayList<>(changes * 2);
    for (int i = 0; i < changes; i++) {
      int choice = random.nextInt(10);
      long key = choice < 2 ? nextKey[0]++ : (long) (random.nextDouble() * nextKey[0]);
      String oper = choice < 2 ? "I" : choice < 9 ? "U" : "D";
      long number = ++seq[0];
      if (oper.equals("U")) {
        rows.add(change(number, "B", row(key, "before")));
      }
      rows.add(change(number, oper, row(key, "change " + number)));
    }
    return rows;
  }

  private static List<String> change(long seq, String oper, List<String> row) {
    List<String> change = new ArrayList<>(List.of(String.format("%035d", seq), oper, "2026-01-01 00:00:00"));
    change.addAll(row);
    return change;
  }

  /** The plain reference: the whole table rebuilt from the previous state and each change file. */
  private static Dataset<Row> referenceReplay(SparkSession spark, Path input, int files, Path out) {
    String snapshot = input.resolve("cubic/ods_qlik/EDW.SAMPLE/LOAD00000001.csv.gz").toString();
    Dataset<Row> state = spark.read().option("header", "true").option("escape", "\"").option("multiLine", "true")
        .csv(snapshot).selectExpr("cast(SAMPLE_ID as bigint) as sample_id", "cast(STOP_ID as int) as stop_id",
            "NAME as name", "cast(AMOUNT as decimal(12,2)) as amount", "cast(UPDATED as timestamp) as updated",
            "cast(ACTIVE as boolean) as active");
    String current = out.resolve("state-0").toString();
    state.write().mode(SaveMode.Overwrite).parquet(current);
    for (int f = 1; f <= files; f++) {
      Dataset<Row> changes = spark.read().option("header", "true").option("escape", "\"").option("multiLine", "true")
          .csv(input.resolve(String.format("cubic/ods_qlik/EDW.SAMPLE__ct/20261101-%06d000.csv.gz", f)).toString())
          .where("header__change_oper <> 'B'")
          .withColumn("_rank", org.apache.spark.sql.functions.row_number().over(
              Window.partitionBy("SAMPLE_ID").orderBy(col("header__change_seq").desc())))
          .where("_rank = 1")
          .selectExpr("cast(SAMPLE_ID as bigint) as c_id", "header__change_oper as c_oper",
              "cast(STOP_ID as int) as c_stop", "NAME as c_name", "cast(AMOUNT as decimal(12,2)) as c_amount",
              "cast(UPDATED as timestamp) as c_updated", "cast(ACTIVE as boolean) as c_active");
      Dataset<Row> previous = spark.read().parquet(current);
      Dataset<Row> next = previous.join(changes, previous.col("sample_id").equalTo(changes.col("c_id")), "full_outer")
          .where("c_oper IS NULL OR c_oper <> 'D'")
          .selectExpr("coalesce(c_id, sample_id) as sample_id",
              "CASE WHEN c_oper IS NULL THEN stop_id ELSE c_stop END as stop_id",
              "CASE WHEN c_oper IS NULL THEN name ELSE c_name END as name",
              "CASE WHEN c_oper IS NULL THEN amount ELSE c_amount END as amount",
              "CASE WHEN c_oper IS NULL THEN updated ELSE c_updated END as updated",
              "CASE WHEN c_oper IS NULL THEN active ELSE c_active END as active");
      current = out.resolve("state-" + f).toString();
      next.write().mode(SaveMode.Overwrite).parquet(current);
    }
    return spark.read().parquet(current);
  }

  private static long checksum(Dataset<Row> table) {
    Row sum = table.selectExpr("sum(cast(xxhash64(sample_id, stop_id, name, amount, updated, active) % 1000000007 as"
        + " decimal(38,0)))").first();
    return sum.isNullAt(0) ? 0 : sum.getDecimal(0).longValue();
  }

  private static void copyTree(Path from, Path to) throws IOException {
    try (var paths = Files.walk(from)) {
      for (Path path : (Iterable<Path>) paths::iterator) {
        Path target = to.resolve(from.relativize(path).toString());
        if (Files.isDirectory(path)) {
          Files.createDirectories(target);
        } else {
          Files.copy(path, target);
        }
      }
    }
  }

  static void deleteTree(Path root) throws IOException {
    if (!Files.exists(root)) {
      return;
    }
    try (var paths = Files.walk(root)) {
      paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }
}
