package io.tributary.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.tributary.convert.S3dbSampleData;
import io.tributary.core.config.JobConfig;
import io.tributary.core.config.JobTableParser;
import io.tributary.core.history.JobRun;
import io.tributary.core.history.RunStatus;
import io.tributary.orchestration.Json;
import io.tributary.spark.testing.LocalS3;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The live-fill function's package as Lambda runs it: its shaded jar alone in a new JVM, built by its entry point
 * from the stack's environment variables (the template's own, JAVA_TOOL_OPTIONS included), against S3 (S3Proxy) and DynamoDB (DynamoDB Local). One S3 event for a
 * day file feeds a day job of every codec and layout, so every class the writers load is in the package; the
 * package fits Lambda's 250 MB unzipped.
 */
class LiveFillPackageTest {
  static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
  static final Instant DAY = Instant.parse("2024-01-02T00:00:00Z");
  static final List<String> TARGETS = List.of("parquet;compression=br;layout=athena",
      "parquet;compression=gz;layout=athena", "parquet;compression=lz4;layout=athena",
      "parquet;compression=zst;layout=athena", "parquet;compression=sz;layout=athena",
      "parquet;compression=bz2;layout=dataclient", "arrow;compression=lz4;layout=athena",
      "arrow;compression=zst;layout=athena", "arrow;compression=gz;layout=dataclient",
      "arrow;compression=br;layout=dataclient", "arrow;compression=sz;layout=dataclient");

  @TempDir Path work;

  @Test
  void theShadedJarAloneConvertsADayOfEveryCodecAndLayoutFromItsEnvironment() throws Exception {
    Path jar = LiveFillPackage.jar(ROOT);
    assertTrue(unzippedBytes(jar) < 250L << 20, "Lambda's limit for a zip package, unzipped");
    StringBuilder table = new StringBuilder("job_name|load_date|load_window_start|load_window_stop|job_flow_id"
        + "|job_status|output_dir|script_source|database_name|table_name|window_db_column|partition_by_col"
        + "|lower_bound|upper_bound|num_partitions|options\n");
    for (int i = 0; i < TARGETS.size(); i++) {
      table.append("day").append(i).append("|-|2024-01-01 00:00:00|2024-01-02 00:00:00|-|PENDING|s3://lake/CONVERTED/")
          .append(i).append("|convert|-|-|-|-|-|-|-|source=s3://feeds/gz;format=").append(TARGETS.get(i))
          .append(";partition_size=day;live=true\n");
    }
    try (LocalS3 s3 = LocalS3.start(work.resolve("s3")); LocalStores stores = LocalStores.start()) {
      new S3dbSampleData(s3.bucket("feeds").resolve("gz"), 3, 2).writeDataset("caiso", "prices", DAY);
      s3.bucket("lake");
      stores.configs().load(JobTableParser.parse("config.txt", table.toString()));

      JsonNode response = invoke(jar, s3.settings(), stores, LiveFillPackage.sqsEvent("m1", "feeds",
          "gz/caiso/prices/year=2024/" + DAY.getEpochSecond() + ".csv.gz"));

      assertEquals("[]", response.get("batchItemFailures").toString(), response.toString());
      assertEquals(TARGETS.size(), response.get("daysConverted").asInt(), response.toString());
      for (JobConfig job : stores.configs().all()) {
        List<JobRun> runs = stores.history().runs(job.name());
        assertEquals(1, runs.size(), job.name());
        assertEquals(RunStatus.SUCCEEDED, runs.get(0).status(), job.name() + ": " + runs.get(0).error());
        assertEquals(24 * 3 * 2, runs.get(0).result().orElseThrow().rowsWritten(), job.name());
        Path file = s3.root().resolve("lake/CONVERTED").resolve(job.name().substring(3)).resolve("caiso/prices")
            .resolve(job.conversion().target().partitionFile(DAY));
        assertTrue(Files.size(file) > 0, job.name() + " " + job.conversion().options() + ": " + file);
      }
    }
  }

  /** Runs the package's entry point once in a new JVM, configured as the stack configures the function. */
  private JsonNode invoke(Path jar, Map<String, String> s3, LocalStores stores, String event) throws Exception {
    Path driver = Path.of(LiveFillInvocation.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xmx768m", "-cp", jar + ":" + driver, LiveFillInvocation.class.getName());
    builder.environment().putAll(LiveFillPackage.environment(ROOT, s3, stores.endpoint()));
    Path input = Files.writeString(work.resolve("event.json"), event);
    Process process = builder.redirectInput(input.toFile()).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertEquals(0, process.waitFor(), output);
    return Json.MAPPER.readTree(output.lines().filter(l -> l.startsWith("{")).reduce((a, b) -> b)
        .orElseThrow(() -> new AssertionError("no response: " + output)));
  }

  private static long unzippedBytes(Path jar) throws IOException {
    try (ZipFile zip = new ZipFile(jar.toFile())) {
      return zip.stream().mapToLong(e -> Math.max(0, e.getSize())).sum();
    }
  }
}
