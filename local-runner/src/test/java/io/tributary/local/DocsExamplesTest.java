package io.tributary.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The command examples of docs/operations.md, run as written (bin/tributary being this JVM's classpath and
 * the CLI's main class), from a directory holding the shipped config/config.txt, against embedded PostgreSQL.
 */
class DocsExamplesTest {

  @TempDir Path dir;

  @Test
  void theOwnDatabaseAndBackfillExamplesRunOnTheShippedJobTableWithALakeRoot() throws Exception {
    List<List<String>> examples = new ArrayList<>(block("Against your own database"));
    assertEquals(3, examples.size(), "plan, run, history: " + examples);
    examples.addAll(block("## Back-fill"));
    assertEquals(List.of("bin/tributary", "backfill", "--job", "deposit"), examples.get(3).subList(0, 4));
    Path work = Files.createDirectories(dir.resolve("work"));
    Files.createDirectories(work.resolve("config"));
    Files.copy(Path.of("..", "config", "config.txt"), work.resolve("config/config.txt"));
    try (LocalPostgres postgres = LocalPostgres.start("sales", dir.resolve("pg"))) {
      try (Connection connection = postgres.connect()) {
        SampleTables.create(connection, 2_000, 2);
      }
      Properties db = new Properties();
      try (var in = Files.newBufferedReader(Path.of(postgres.secrets().toString().substring("file:".length())))) {
        db.load(in);
      }
      for (List<String> example : examples) {
        CliProcess.Result result = CliProcess.run(work, java.util.Map.of(
            "TRIBUTARY_DB_URL", db.getProperty("url"), "TRIBUTARY_DB_USER", db.getProperty("user"),
            "TRIBUTARY_DB_PASSWORD", db.getProperty("password")), example.subList(1, example.size()));
        assertEquals(0, result.exit(), String.join(" ", example) + "\n" + result.output());
        if (example.get(1).equals("history")) {
          assertTrue(result.output().contains("deposit: window"), result.output());
        }
        if (example.get(1).equals("backfill")) {
          assertTrue(result.output().contains("deposit: live window still"), "the run moved it, not the back-fill: "
              + result.output());
        }
      }
    }
    Path firstDay = work.resolve(".tributary/lake/my-lake-bucket/RAW/sales/deposits/original/incremental"
        + "/load_date=2018-11-01");
    assertTrue(Files.isDirectory(firstDay), "the run wrote the shipped job's first window below the lake root");
    try (var files = Files.list(firstDay)) {
      assertTrue(files.anyMatch(f -> f.getFileName().toString().endsWith(".parquet")));
    }
    assertTrue(Files.isDirectory(firstDay.resolveSibling("load_date=2018-10-31")),
        "the back-fill wrote the day before the live window, below the same lake root");
  }

  @Test
  void theValidateExampleChecksTheShippedJobTable() throws Exception {
    List<String> validate = block("## Run locally").get(0);
    assertEquals(List.of("bin/tributary", "validate", "config/config.txt"), validate);
    CliProcess.Result result = CliProcess.run(Path.of(".."), java.util.Map.of(), validate.subList(1, validate.size()));
    assertEquals(0, result.exit(), result.output());
  }

  @Test
  void theS3aConvertExampleRunsAgainstAnS3ServerWithTheUsualHadoopSettings() throws Exception {
    List<String> convert = block("## Convert S3DB data").get(0);
    assertEquals("s3a://feeds/gz", convert.get(convert.indexOf("--source") + 1), "the example as written: " + convert);
    try (io.tributary.spark.testing.LocalS3 s3 = io.tributary.spark.testing.LocalS3.start(dir.resolve("buckets"))) {
      Path feeds = s3.bucket("feeds");
      Path lake = s3.bucket("lake");
      io.tributary.convert.S3dbSampleData sample = new io.tributary.convert.S3dbSampleData(
          feeds.resolve("gz"), 2, 1);
      sample.writeMetadata("caiso", "prices");
      sample.writeDay("caiso", "prices", java.time.Instant.parse("2020-03-01T00:00:00Z"));
      List<String> hadoopSettings = s3.settings().entrySet().stream()
          .map(e -> "-Dspark.hadoop." + e.getKey() + "=" + e.getValue()).toList();

      CliProcess.Result result = CliProcess.run(null, java.util.Map.of(), hadoopSettings,
          convert.subList(1, convert.size()));

      assertEquals(0, result.exit(), result.output());
      assertTrue(result.output().contains("total: 48 rows read = 48 written + 0 rejected; 1 partition files written"),
          result.output());
      try (var written = Files.walk(lake.resolve("parquet"))) {
        assertTrue(written.anyMatch(f -> f.toString().contains("caiso/prices") && f.toString().contains(".parquet")),
            "March's partition in the lake bucket");
      }
    }
  }

  @Test
  void theCliResolvesS3AndS3aThroughTheS3aClientEmrUses() throws Exception {
    org.apache.spark.sql.SparkSession spark = LocalSpark.start("docs-s3");
    org.apache.hadoop.conf.Configuration conf = spark.sparkContext().hadoopConfiguration();
    assertEquals("org.apache.hadoop.fs.s3a.S3AFileSystem",
        org.apache.hadoop.fs.FileSystem.getFileSystemClass("s3", conf).getName());
    assertEquals("org.apache.hadoop.fs.s3a.S3AFileSystem",
        org.apache.hadoop.fs.FileSystem.getFileSystemClass("s3a", conf).getName());
  }

  /** The bin/tributary lines of the first code block after the line starting with {@code marker}, as words. */
  static List<List<String>> block(String marker) throws Exception {
    return OperationsGuide.block(marker).stream().filter(l -> l.startsWith("bin/tributary "))
        .map(l -> List.of(l.split("\\s+"))).toList();
  }
}
