package io.tributary.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tributary.convert.S3dbSampleData;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code tributary convert} and {@code tributary live} end to end on local files and local Spark. */
class ConversionCommandsTest {
  private static final Instant JAN_1 = Instant.parse("2020-01-01T00:00:00Z");
  private static final Instant JAN_2 = Instant.parse("2020-01-02T00:00:00Z");
  private static final Instant FEB_1 = Instant.parse("2020-02-01T00:00:00Z");

  @TempDir
  Path temp;

  @Test
  void convertBackfillsARangeAndPrintsTheCounts() throws Exception {
    Path source = temp.resolve("gz");
    S3dbSampleData sample = new S3dbSampleData(source, 2, 1);
    sample.writeMetadata("caiso", "prices");
    sample.writeDay("caiso", "prices", JAN_1);
    sample.writeDay("caiso", "prices", FEB_1);
    Path dest = temp.resolve("parquet");

    CliRun run = CliRun.of("convert", "--source", source.toString(), "--dest", dest.toString(), "--format", "parquet",
        "--compression", "zst", "--layout", "dataclient", "--partition-size", "day", "--from", "2020-01-01",
        "--to", "2020-01-31");

    assertEquals(0, run.exit(), run.err() + run.out());
    assertTrue(run.out().contains("total: 48 rows read = 48 written + 0 rejected; 1 partition files written"), run.out());
    assertEquals(2, files(dest).size(), "January 1st and METADATA.json: " + files(dest));
    assertTrue(Files.exists(dest.resolve("caiso/prices/year=2020/1577836800.parquet.zst")));
    assertTrue(run.err().contains("progress: units 1/1, "), "not a terminal: plain progress lines: " + run.err());
  }

  @Test
  void historySaysWhenAConvertJobsLastPublishDidNotFinish() throws Exception {
    Path dest = temp.resolve("parquet");
    Files.createDirectories(dest.resolve("caiso/prices/_tributary_publishing"));
    Files.writeString(dest.resolve("caiso/prices/_tributary_publishing/day-1577836800"), "run=killed\n");
    Path config = Files.writeString(temp.resolve("config.txt"), "job_name|load_date|load_window_start|load_window_stop"
        + "|job_flow_id|job_status|output_dir|script_source|database_name|table_name|window_db_column"
        + "|partition_by_col|lower_bound|upper_bound|num_partitions|options\n"
        + "prices|-|2020-01-01 00:00:00|2020-01-02 00:00:00|-|PENDING|" + dest.toUri() + "|convert|-|-|-|-|-|-|-"
        + "|source=" + temp.resolve("gz").toUri() + ";format=parquet;compression=zst;layout=athena;partition_size=day\n");

    CliRun history = CliRun.of("history", "--config", config.toString(), "--job", "prices", "--state",
        temp.resolve("state").toString());

    assertEquals(0, history.exit(), history.err());
    assertTrue(history.out().contains("INCOMPLETE caiso/prices: the publish of run killed did not finish; units that"
        + " may be stale or missing: [day-1577836800]"), history.out());
  }

  @Test
  void refusedCombinationsAndOverlapsFailBeforeAnyWork() {
    Path source = temp.resolve("gz");
    CliRun bzip = CliRun.of("convert", "--source", source.toString(), "--dest", temp.resolve("out").toString(),
        "--format", "parquet", "--compression", "bz2", "--layout", "athena", "--partition-size", "day");
    assertEquals(2, bzip.exit());
    assertTrue(bzip.err().contains("parquet has no bzip2 column codec"), bzip.err());
    CliRun overlap = CliRun.of("convert", "--source", source.toString(), "--dest", source.resolve("out").toString(),
        "--format", "parquet", "--compression", "zst", "--layout", "athena", "--partition-size", "day");
    assertEquals(2, overlap.exit());
    assertTrue(overlap.err().contains("overlap"), overlap.err());
    CliRun size = CliRun.of("convert", "--source", source.toString(), "--dest", temp.resolve("out").toString(),
        "--format", "parquet", "--compression", "zst", "--layout", "athena", "--partition-size", "week");
    assertEquals(2, size.exit());
    assertTrue(size.err().contains("partition size 'week' is not one of hour, day, month, year"), size.err());
    assertTrue(Files.notExists(temp.resolve("out")), "nothing written");
  }

  @Test
  void liveWatchesTheSourceAndRewritesTheMonthOfANewDayOnce() throws Exception {
    Path source = temp.resolve("gz");
    S3dbSampleData sample = new S3dbSampleData(source, 2, 1);
    sample.writeMetadata("caiso", "prices");
    sample.writeDay("caiso", "prices", JAN_1);
    Path dest = temp.resolve("arrow");
    String[] target = {"--source", source.toString(), "--dest", dest.toString(), "--format", "arrow",
        "--compression", "lz4", "--layout", "athena", "--partition-size", "month"};
    assertEquals(0, CliRun.of(concat(new String[] {"convert"}, target)).exit());

    CompletableFuture<CliRun> live = CompletableFuture.supplyAsync(() -> CliRun.of(concat(
        new String[] {"live", "--watch", source.toString(), "--poll-millis", "100", "--quiet-millis", "500",
            "--batches", "1"}, target)));
    Thread.sleep(1500);
    sample.writeDay("caiso", "prices", JAN_2);
    sample.writeDay("caiso", "prices", FEB_1);
    CliRun run = live.get(120, TimeUnit.SECONDS);

    assertEquals(0, run.exit(), run.err() + run.out());
    assertTrue(run.out().contains("batch 1: 2 file(s) changed"), run.out());
    assertTrue(run.out().contains("total: 144 rows read = 144 written + 0 rejected; 2 partition files written"),
        "January rebuilt from its two days, February new: " + run.out());
    assertTrue(run.out().contains("  rewrote year=2020/month=01/part-1577836800.arrow: 96 rows\n"
        + "  rewrote year=2020/month=02/part-1580515200.arrow: 48 rows"), "which partitions, with rows: " + run.out());
  }

  @Test
  void liveConvertsDayPartitionsInItsOwnJvmAsTheFunctionDoes() throws Exception {
    Path source = temp.resolve("gz");
    S3dbSampleData sample = new S3dbSampleData(source, 2, 1);
    sample.writeDataset("caiso", "prices", JAN_1);
    Path dest = temp.resolve("parquet");
    String[] target = {"--source", source.toString(), "--dest", dest.toString(), "--format", "parquet",
        "--compression", "zst", "--layout", "athena", "--partition-size", "day"};

    CompletableFuture<CliRun> live = CompletableFuture.supplyAsync(() -> CliRun.of(concat(
        new String[] {"live", "--watch", source.toString(), "--poll-millis", "100", "--quiet-millis", "500",
            "--batches", "1"}, target)));
    Thread.sleep(1500);
    sample.writeDay("caiso", "prices", JAN_2);
    CliRun run = live.get(120, TimeUnit.SECONDS);

    assertEquals(0, run.exit(), run.err() + run.out());
    assertTrue(run.out().contains("each batch converted in this JVM, as the live-fill function does (no Spark)"),
        run.out());
    assertTrue(run.out().contains("total: 48 rows read = 48 written + 0 rejected; 1 partition files written"),
        "only the new day: " + run.out());
    assertTrue(Files.exists(dest.resolve("caiso/prices/year=2020/month=01/day=02")), files(dest).toString());
  }

  private static String[] concat(String[] a, String[] b) {
    return Stream.concat(Stream.of(a), Stream.of(b)).toArray(String[]::new);
  }

  private static java.util.List<Path> files(Path root) throws Exception {
    try (Stream<Path> walk = Files.walk(root)) {
      return walk.filter(Files::isRegularFile).toList();
    }
  }
}
