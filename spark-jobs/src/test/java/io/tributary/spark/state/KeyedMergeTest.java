package io.tributary.spark.state;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tributary.spark.cubic.DeltaKernelTable;
import io.tributary.spark.state.KeyedMerge.Changes;
import io.tributary.spark.state.KeyedMerge.Versions;
import io.tributary.spark.testing.LocalS3;
import io.tributary.spark.testing.TestSpark;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.delta.Snapshot;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The merge by deletion vectors ({@link DeletionVectorMerge}) against Delta's MERGE: the same seeded batches of inserts, updates, deletes,
 * before-images and stale versions over a composite key, applied to a table with deletion vectors and to one
 * without, end in the same rows after every batch (both read by Delta Kernel); the first rewrites no file, finds its
 * files and their vectors on S3 (S3A) as locally, and a merge that stops before its commit changes nothing and its
 * rerun converges. A single whole-number key is matched on itself, a null key told from the smallest long, and
 * the table's files come from the commit's checksum.
 */
class KeyedMergeTest {
  private static final Versions VERSIONS = new Versions("seq", "seq", Optional.of("op"));
  private static final List<String> KEY = List.of("region", "id");
  private static final StructType BATCH = new StructType().add("region", DataTypes.StringType)
      .add("id", DataTypes.IntegerType).add("amount", DataTypes.LongType).add("seq", DataTypes.LongType)
      .add("op", DataTypes.StringType);
  private static final StructType COLUMNS = new StructType().add("region", DataTypes.StringType)
      .add("id", DataTypes.IntegerType).add("amount", DataTypes.LongType);
  private static final List<String> READ = List.of("region", "id", "amount", "seq");

  @TempDir Path lake;

  @Test
  void markingEndsWhereMergeEndsAfterEveryBatchAndRewritesNoFile() throws Exception {
    String marked = create("marked", true);
    String merged = create("merged", false);
    Random random = new Random(7);
    for (int batch = 1; batch <= 4; batch++) {
      applyBoth(marked, merged, batch(random, batch * 100L, 60));
      assertEquals(rows(merged), rows(marked), "after batch " + batch);

      List<JsonNode> commit = lastCommit(marked);
      assertEquals("MERGE", commit.stream().filter(a -> a.has("commitInfo")).findFirst().orElseThrow()
          .get("commitInfo").get("operation").asText());
      Set<String> removed = paths(commit, "remove");
      Set<String> marking = new HashSet<>();
      commit.stream().filter(a -> a.has("add") && a.get("add").has("deletionVector"))
          .forEach(a -> marking.add(a.get("add").get("path").asText()));
      assertFalse(removed.isEmpty(), "batch " + batch + " replaced rows");
      assertEquals(removed, marking, "every file the batch touched stays, its replaced rows marked");
    }
    assertTrue(rows(marked).size() > 300, "keys were added, some deleted: " + rows(marked).size());
  }

  @Test
  void aMergeStoppedBeforeItsCommitChangesNothingAndItsRerunConverges() throws Exception {
    String marked = create("marked", true);
    String merged = create("merged", false);
    Random random = new Random(11);
    applyBoth(marked, merged, batch(random, 100, 60));
    Dataset<Row> second = batch(random, 200, 60);
    List<List<String>> before = rows(marked);
    long files = dataFiles(marked);

    // The deletion vectors and the new rows are written; the run stops before the commit.
    DeletionVectorMerge interrupted = new DeletionVectorMerge(TestSpark.get(), marked, VERSIONS);
    Snapshot snapshot = KeyedMerge.snapshot(TestSpark.get(), marked);
    interrupted.prepare(changes(marked, second), KEY, snapshot, KeyedMerge.files(snapshot));
    assertEquals(before, rows(marked), "nothing a reader sees has changed");
    assertTrue(dataFiles(marked) > files, "the stopped run left files behind, named by no version");

    applyBoth(marked, merged, second);
    assertEquals(rows(merged), rows(marked), "the rerun ends where one merge ends");
    mark(marked, second);
    assertEquals(rows(merged), rows(marked), "a merge run again after its commit changes nothing");
  }

  @Test
  void onS3TheFilesAndTheirVectorsAreFoundAsLocally() throws Exception {
    try (LocalS3 s3 = LocalS3.start(lake.resolve("buckets"))) {
      s3.configure(TestSpark.get().sparkContext().hadoopConfiguration());
      s3.bucket("state");
      String marked = create("s3a://state/marked", true);
      String merged = create("merged", false);
      Random random = new Random(13);
      for (int batch = 1; batch <= 2; batch++) {
        applyBoth(marked, merged, batch(random, batch * 100L, 60));
        assertEquals(sparkRows(merged), sparkRows(marked), "after batch " + batch + " on S3");
      }
      try (Stream<Path> files = Files.list(s3.bucket("state").resolve("marked"))) {
        assertTrue(files.anyMatch(f -> f.getFileName().toString().startsWith("deletion_vector")),
            "vectors written to S3");
      }
    }
  }

  @Test
  void aSingleWholeNumberKeyIsMatchedOnItselfTellingNullFromTheSmallestLong() throws Exception {
    SparkSession spark = TestSpark.get();
    Versions versions = new Versions("seq", "seq", Optional.empty());
    StructType columns = new StructType().add("id", DataTypes.LongType).add("amount", DataTypes.LongType)
        .add("seq", DataTypes.LongType);
    List<Row> state = new ArrayList<>(List.of(RowFactory.create(null, -1L, 5L)));
    for (long id = 1; id <= 100; id++) {
      state.add(RowFactory.create(id, id, 5L));
    }
    // A new key at the smallest long (the null key's stand-in in the join), a stale version of the null key,
    // newer versions of half the keys, a new key; each key once, so the batch's rows are written as they are.
    List<Row> batch = new ArrayList<>(List.of(RowFactory.create(Long.MIN_VALUE, 7L, 9L),
        RowFactory.create(null, -2L, 1L), RowFactory.create(200L, 200L, 9L)));
    for (long id = 1; id <= 50; id++) {
      batch.add(RowFactory.create(id, id * 10, id % 2 == 0 ? 9L : 4L));
    }
    Dataset<Row> versionsOf = spark.createDataFrame(batch, columns);
    List<List<List<String>>> ends = new ArrayList<>();
    for (boolean deletionVectors : List.of(true, false)) {
      String path = lake.resolve("single-" + deletionVectors).toString();
      spark.createDataFrame(state, columns).repartition(2).write().format("delta").mode(SaveMode.ErrorIfExists)
          .option(KeyedMerge.DELETION_VECTORS, Boolean.toString(deletionVectors)).save(path);
      KeyedMerge merge = new KeyedMerge(spark, path, versions, 1.0);
      merge.apply(merge.changes(versionsOf, List.of("id")), columns, List.of("id"), batch.size());
      if (deletionVectors) {
        assertFalse(paths(lastCommit(path), "remove").isEmpty(), "merged by marking rows, not by Delta's MERGE");
        Snapshot snapshot = KeyedMerge.snapshot(spark, path);
        assertTrue(snapshot.checksumOpt().get().allFiles().isDefined(), "the commit listed its files");
        assertEquals(Set.copyOf(snapshot.allFiles().collectAsList().stream().map(f -> f.path()).toList()),
            Set.copyOf(KeyedMerge.files(snapshot).stream().map(f -> f.path()).toList()),
            "the files the checksum lists are the table's");
      }
      List<List<String>> rows = spark.read().format("delta").load(path).orderBy("id").collectAsList().stream()
          .map(r -> List.of(String.valueOf(r.get(0)), String.valueOf(r.get(1)), String.valueOf(r.get(2)))).toList();
      ends.add(rows);
    }
    assertEquals(ends.get(1), ends.get(0), "deletion vectors end where Delta's MERGE ends");
    assertTrue(ends.get(0).contains(List.of("null", "-1", "5")), "the null key's row stays: " + ends.get(0));
    assertTrue(ends.get(0).contains(List.of(String.valueOf(Long.MIN_VALUE), "7", "9")), "the smallest long is new");
    assertEquals(103, ends.get(0).size(), "101 rows, two keys new");
  }

  /** A table of 300 keys at version 0, with or without deletion vectors, at {@code location} (below the lake). */
  private String create(String location, boolean deletionVectors) {
    SparkSession spark = TestSpark.get();
    List<Row> rows = new ArrayList<>();
    for (int id = 0; id < 300; id++) {
      rows.add(RowFactory.create(id % 3 == 0 ? "east" : "west", id, (long) id, 0L, "I"));
    }
    String path = location.contains("://") ? location : lake.resolve(location).toString();
    spark.createDataFrame(rows, BATCH).drop("op").repartition(3).write().format("delta").mode(SaveMode.ErrorIfExists)
        .option(KeyedMerge.DELETION_VECTORS, Boolean.toString(deletionVectors)).save(path);
    return path;
  }

  /**
   * {@code size} versions around {@code base}: keys old and new (some twice), inserts and updates, deletes,
   * before-images, and versions older than the rows they meet.
   */
  private static Dataset<Row> batch(Random random, long base, int size) {
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < size; i++) {
      int id = random.nextInt(360);
      int kind = random.nextInt(20);
      String op = kind < 3 ? "D" : kind == 3 ? "B" : "U";
      long seq = kind == 4 ? base - 150 : base + random.nextInt(50);
      rows.add(RowFactory.create(id % 3 == 0 ? "east" : "west", id, base * 1000 + i, seq, op));
    }
    return TestSpark.get().createDataFrame(rows, BATCH);
  }

  /** The same versions by deletion vectors into {@code marked} and by Delta's MERGE into {@code merged}. */
  private static void applyBoth(String marked, String merged, Dataset<Row> versions) {
    mark(marked, versions);
    apply(merged, versions);
  }

  /** The merge by deletion vectors. */
  private static void mark(String path, Dataset<Row> versions) {
    Snapshot snapshot = KeyedMerge.snapshot(TestSpark.get(), path);
    new DeletionVectorMerge(TestSpark.get(), path, VERSIONS).prepare(changes(path, versions), KEY, snapshot,
        KeyedMerge.files(snapshot)).commit();
  }

  /** {@link KeyedMerge}'s choice: on a table without deletion vectors, Delta's MERGE. */
  private static void apply(String path, Dataset<Row> versions) {
    new KeyedMerge(TestSpark.get(), path, VERSIONS, 1.0).apply(changes(path, versions), COLUMNS, KEY,
        versions.count());
  }

  private static Changes changes(String path, Dataset<Row> versions) {
    return new KeyedMerge(TestSpark.get(), path, VERSIONS, 1.0).changes(versions, KEY);
  }

  private static List<List<String>> rows(String path) throws Exception {
    List<List<String>> rows = new ArrayList<>(DeltaKernelTable.rows(path, READ));
    rows.sort(Comparator.comparing(r -> r.get(0) + "/" + r.get(1)));
    return rows;
  }

  /** The table's rows as Spark reads them through Delta (for a table Delta Kernel here cannot reach). */
  private static List<List<String>> sparkRows(String path) {
    return TestSpark.get().read().format("delta").load(path).orderBy("region", "id").collectAsList().stream()
        .map(r -> READ.stream().map(c -> String.valueOf(r.<Object>getAs(c))).toList()).toList();
  }

  private static List<JsonNode> lastCommit(String path) throws IOException {
    Path log = Path.of(path, "_delta_log");
    try (Stream<Path> entries = Files.list(log)) {
      Path last = entries.filter(p -> p.getFileName().toString().endsWith(".json")).max(Comparator.naturalOrder())
          .orElseThrow();
      ObjectMapper json = new ObjectMapper();
      List<JsonNode> actions = new ArrayList<>();
      for (String line : Files.readAllLines(last)) {
        actions.add(json.readTree(line));
      }
      return actions;
    }
  }

  private static Set<String> paths(List<JsonNode> commit, String action) {
    Set<String> paths = new HashSet<>();
    commit.stream().filter(a -> a.has(action)).forEach(a -> paths.add(a.get(action).get("path").asText()));
    return paths;
  }

  private static long dataFiles(String path) throws IOException {
    try (Stream<Path> files = Files.list(Path.of(path))) {
      return files.filter(p -> p.getFileName().toString().endsWith(".parquet")
          || p.getFileName().toString().startsWith("deletion_vector")).count();
    }
  }
}
