package io.tributary.spark.ingest;

import io.tributary.core.kind.jdbc.ParquetCodec;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tributary.core.config.JobConfig;
import io.tributary.core.config.JobKind;
import io.tributary.core.history.RunRecord;
import io.tributary.core.kind.jdbc.JdbcSettings;
import io.tributary.core.run.DeploymentSettings;
import io.tributary.core.run.KindNamespaces;
import io.tributary.core.run.StepDocument;
import io.tributary.core.window.LoadWindow;
import io.tributary.spark.JdbcIngestMain;
import io.tributary.spark.testing.TestPostgres;
import io.tributary.spark.testing.TestSpark;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Re-runs, empty windows and killed runs leave the lake with whole windows only. */
class WindowLifecycleTest {
  static TestPostgres pg;
  static SparkSession spark;

  @BeforeAll
  static void setUp() {
    pg = TestPostgres.get();
    spark = TestSpark.get();
  }

  static JdbcIngestion ingestion() {
    return new JdbcIngestion(spark, pg.secrets(), ParquetCodec.ZSTD);
  }

  @Test
  void rerunOfSameWindowReplacesItsOutputAndLeavesOtherWindowsUntouched(@TempDir Path lake) throws Exception {
    pg.execute("""
        DROP TABLE IF EXISTS events;
        CREATE TABLE events (id int, at timestamptz, payload text);
        INSERT INTO events SELECT g, '2018-11-04'::timestamptz + (g || ' minutes')::interval, 'v1-' || g
          FROM generate_series(0, 2879) g;  -- two days, one row a minute
        """);
    JobConfig job = AllTypesIngestionTest.job(lake, "events", "at", "id", 0, 2880, 3);
    LoadWindow first = job.window();
    LoadWindow second = first.next();
    ingestion().ingest(job, first, "run-1");
    RunRecord secondRecord = ingestion().ingest(job, second, "run-2");
    Map<String, FileTime> secondFiles = files(Path.of(java.net.URI.create(secondRecord.outputPath())));
    pg.execute("DELETE FROM events WHERE id < 100; UPDATE events SET payload = 'v2-' || id WHERE id < 1440;");

    RunRecord rerun = ingestion().ingest(job, first, "run-3");

    assertEquals(1340, rerun.rowsWritten());
    List<Row> firstRows = spark.read().parquet(rerun.outputPath()).collectAsList();
    assertEquals(1340, firstRows.size());
    assertEquals(1340, firstRows.stream().map(r -> r.getInt(0)).distinct().count(), "no duplicates");
    assertTrue(firstRows.stream().allMatch(r -> r.getString(2).startsWith("v2-")), "no leftovers of run-1");
    assertEquals(secondFiles, files(Path.of(java.net.URI.create(secondRecord.outputPath()))),
        "the other window's files are untouched");
    Path root = lake.resolve("postgres/events/original/incremental");
    assertEquals(1340 + 1440, spark.read().parquet(root.toString()).count());
    assertEquals(List.of(), listNames(root.resolve(WindowCommit.STAGING + "/load_date=2018-11-04")),
        "no staging left behind");
  }

  @Test
  void emptyWindowSucceedsWithZeroRows(@TempDir Path lake) throws Exception {
    pg.execute("""
        DROP TABLE IF EXISTS quiet;
        CREATE TABLE quiet (id bigint, at timestamp, note varchar(10));
        INSERT INTO quiet VALUES (1, '2018-11-06 00:00:00', 'later');
        """);
    JobConfig job = AllTypesIngestionTest.job(lake, "quiet", "at", "id", 0, 100, 2);

    RunRecord record = ingestion().ingest(job, job.window(), "run-empty");

    assertEquals(0, record.rowsRead());
    assertEquals(0, record.rowsWritten());
    assertEquals(Optional.empty(), record.windowColumnMin());
    assertTrue(Files.isDirectory(Path.of(java.net.URI.create(record.outputPath()))));
  }

  @Test
  void killedRunLeavesThePreviousWindowVisibleAndTheNextRunRecovers(@TempDir Path lake) throws Exception {
    pg.execute("""
        DROP TABLE IF EXISTS big;
        CREATE TABLE big (id int, at timestamptz, a text, b text, c double precision);
        INSERT INTO big SELECT g, '2018-11-04'::timestamptz + (g % 86400 || ' seconds')::interval,
          md5(g::text), repeat(md5((g * 7)::text), 4), g * 1.5 FROM generate_series(1, 1000) g;
        """);
    JobConfig job = AllTypesIngestionTest.job(lake, "big", "at", "id", 0, 3_000_000, 2);
    RunRecord before = ingestion().ingest(job, job.window(), "run-before");
    Path window = Path.of(java.net.URI.create(before.outputPath()));
    Map<String, FileTime> visibleBefore = files(window);
    pg.execute("""
        INSERT INTO big SELECT g, '2018-11-04'::timestamptz + (g % 86400 || ' seconds')::interval,
          md5(g::text), repeat(md5((g * 7)::text), 4), g * 1.5 FROM generate_series(1001, 2000000) g;
        """);

    Process child = startChildRun(job, job.window(), "run-killed");
    Path staging = lake.resolve("postgres/big/original/incremental/" + WindowCommit.STAGING);
    boolean sawPartialStaging = awaitPartFile(staging, child, 120);
    child.destroyForcibly().waitFor(30, TimeUnit.SECONDS);

    assertTrue(sawPartialStaging, "the child was killed while writing");
    assertEquals(visibleBefore, files(window), "the visible window is exactly the previous one");
    assertEquals(1000, spark.read().parquet(window.toString()).count());

    RunRecord after = ingestion().ingest(job, job.window(), "run-after");

    assertEquals(2_000_000, after.rowsWritten());
    assertEquals(2_000_000, spark.read().parquet(window.toString()).count());
    assertEquals(List.of(), listNames(staging.resolve("load_date=2018-11-04")),
        "the killed run's staging is cleaned up");
  }

  private static Process startChildRun(JobConfig job, LoadWindow window, String runId) throws IOException {
    List<String> command = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString()));
    command.addAll(List.of(System.getProperty("tributary.test.addOpens", "").split(" ")));
    command.removeIf(String::isBlank);
    command.addAll(List.of("-Dspark.master=local[2]", "-Dspark.ui.enabled=false",
        "-Dspark.driver.bindAddress=127.0.0.1", "-Dspark.driver.host=127.0.0.1",
        "-cp", System.getProperty("java.class.path"), JdbcIngestMain.class.getName()));
    command.addAll(StepDocument.of(job, window, runId, new DeploymentSettings(pg.secrets(),
        KindNamespaces.defaults().with(JobKind.JDBC_INGEST, Map.of(JdbcSettings.CODEC, "zstd"))), List.of(),
        Optional.empty()).toArgs());
    return new ProcessBuilder(command).redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
  }

  /** Waits until a task has begun writing a Parquet part file under {@code staging}. */
  private static boolean awaitPartFile(Path staging, Process child, int seconds) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
    while (System.nanoTime() < deadline && child.isAlive()) {
      if (Files.exists(staging)) {
        try (Stream<Path> walk = Files.walk(staging)) {
          if (walk.anyMatch(p -> p.getFileName().toString().startsWith("part-"))) {
            return true;
          }
        } catch (IOException | java.io.UncheckedIOException racing) {
          // files come and go while the child writes
        }
      }
      Thread.sleep(20);
    }
    return false;
  }

  private static Map<String, FileTime> files(Path dir) throws IOException {
    Map<String, FileTime> files = new TreeMap<>();
    try (Stream<Path> walk = Files.walk(dir)) {
      for (Path p : (Iterable<Path>) walk.filter(Files::isRegularFile)::iterator) {
        files.put(dir.relativize(p).toString(), Files.getLastModifiedTime(p));
      }
    }
    return files;
  }

  private static List<String> listNames(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return List.of();
    }
    try (Stream<Path> list = Files.list(dir)) {
      return list.map(p -> p.getFileName().toString()).toList();
    }
  }
}
