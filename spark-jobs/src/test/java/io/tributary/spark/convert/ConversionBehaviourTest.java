package io.tributary.spark.convert;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tributary.convert.ConversionSummary;
import io.tributary.convert.DatasetOutcome;
import io.tributary.convert.S3dbSampleData;
import io.tributary.core.convert.Compression;
import io.tributary.core.convert.ConversionRequest;
import io.tributary.core.convert.ConversionTarget;
import io.tributary.core.convert.DatasetId;
import io.tributary.core.convert.OutputFormat;
import io.tributary.core.convert.PartitionLayout;
import io.tributary.core.convert.PartitionSize;
import io.tributary.core.storage.StorageUri;
import io.tributary.core.window.LoadWindow;
import io.tributary.spark.testing.TestSpark;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.execution.FileSourceScanExec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Rejected rows, failing datasets, re-runs, pruning and DataClient metadata, on real files and local Spark. */
class ConversionBehaviourTest {
  private static final Instant JAN_1 = Instant.parse("2020-01-01T00:00:00Z");
  private static final Instant JAN_2 = Instant.parse("2020-01-02T00:00:00Z");
  private static final Instant FEB_1 = Instant.parse("2020-02-01T00:00:00Z");
  private static final ConversionTarget PARQUET_DAY_ATHENA =
      new ConversionTarget(OutputFormat.PARQUET, Compression.ZST, PartitionLayout.ATHENA, PartitionSize.DAY);

  @TempDir
  Path temp;

  private ConversionRequest request(Path source, Path dest, ConversionTarget target) {
    return new ConversionRequest(StorageUri.parse(source.toUri().toString()),
        StorageUri.parse(dest.toUri().toString()), target, List.of(), Optional.empty(),
        ConversionRequest.DEFAULT_TIME_INDEX);
  }

  @Test
  void malformedRowsAreRejectedWithFileLineAndReasonAndCountsReconcile() throws Exception {
    Path source = temp.resolve("source");
    new S3dbSampleData(source, 1, 1).writeMetadata("caiso", "prices");
    long t = JAN_1.getEpochSecond();
    String file = writeDayFile(source, "caiso/prices", JAN_1, String.join("\n",
        S3dbSampleData.HEADER,
        (t - 10) + "," + t + "," + (t + 3600) + ",GOOD_1,1.5,true",
        (t - 10) + "," + t + "," + (t + 3600) + ",TOO_FEW,1.5",
        (t - 10) + ",noon," + (t + 3600) + ",BAD_INT,1.5,true",
        (t - 10) + "," + t + "," + (t + 3600) + ",BAD_FLOAT,1.5x,false",
        (t - 10) + ",," + (t + 3600) + ",NO_TIME,1.5,false",
        (t - 10) + "," + (t + 86_400) + "," + (t + 90_000) + ",NEXT_DAY,1.5,false",
        (t - 10) + "," + (t + 7200) + "," + (t + 10_800) + ",\"GOOD, \"\"2\"\"\",,false",
        (t - 10) + "," + t + "," + (t + 3600) + ",BAD_BOOL,2.0,maybe",
        "",
        (t - 10) + "," + (t + 3600) + "," + (t + 7200) + ",GOOD_3,-0.25,1"));
    Path dest = temp.resolve("dest");

    ConversionSummary summary = new ConversionJob(TestSpark.get()).backfill(request(source, dest, PARQUET_DAY_ATHENA), "bad-rows");

    assertTrue(summary.succeeded(), summary.render());
    assertEquals(9, summary.rowsRead());
    assertEquals(3, summary.rowsWritten());
    assertEquals(6, summary.rowsRejected());
    assertEquals(summary.rowsRead(), summary.rowsWritten() + summary.rowsRejected());
    assertTrue(summary.render().contains("9 rows read = 3 written + 6 rejected"), summary.render());

    Path report = dest.resolve("_rejected/caiso/prices/day-" + JAN_1.getEpochSecond() + ".csv");
    assertEquals(List.of(report.toUri().toString().replace("file:///", "file:/")),
        summary.datasets().get(0).rejectReports());
    List<Row> rejected = TestSpark.get().read().option("header", "true").option("escape", "\"")
        .csv(report.toString()).collectAsList();
    assertEquals(6, rejected.size());
    assertEquals(List.of("3", "4", "5", "6", "7", "9"), rejected.stream().map(r -> r.getString(1)).toList());
    assertTrue(rejected.stream().allMatch(r -> r.getString(0).equals(file)), "each names its file");
    assertEquals("5 fields, expected 6 as in the header", rejected.get(0).getString(2));
    assertEquals("target_start: 'noon' is not a whole number (int)", rejected.get(1).getString(2));
    assertEquals("lmp: '1.5x' is not a number (float)", rejected.get(2).getString(2));
    assertEquals("target_start: empty, the time index needs unix seconds", rejected.get(3).getString(2));
    assertTrue(rejected.get(4).getString(2).startsWith("target_start: " + (t + 86_400) + " (2020-01-02T00:00:00Z) is outside the file's day"));
    assertEquals("is_settled: 'maybe' is not true or false (bool)", rejected.get(5).getString(2));
    assertEquals((t - 10) + "," + t + "," + (t + 3600) + ",TOO_FEW,1.5", rejected.get(0).getString(3), "row kept as read");

    List<Row> written = TestSpark.get().read().parquet(dest.resolve("caiso/prices").toString())
        .orderBy("target_start").collectAsList();
    assertEquals(List.of("GOOD_1", "GOOD_3", "GOOD, \"2\""), written.stream().map(r -> r.getString(3)).toList());
    assertTrue(written.get(2).isNullAt(4), "an empty float is null");

    // Fixing the file and re-running removes the stale report.
    writeDayFile(source, "caiso/prices", JAN_1, S3dbSampleData.HEADER + "\n"
        + (t - 10) + "," + t + "," + (t + 3600) + ",GOOD_1,1.5,true");
    ConversionSummary fixed = new ConversionJob(TestSpark.get()).backfill(request(source, dest, PARQUET_DAY_ATHENA), "fixed");
    assertEquals(0, fixed.rowsRejected());
    assertFalse(Files.exists(report), "a report of rows no longer rejected is removed");
  }

  @Test
  void aBadFileOrMissingMetadataFailsOnlyItsDataset() throws Exception {
    Path source = temp.resolve("source");
    S3dbSampleData sample = new S3dbSampleData(source, 2, 1);
    sample.writeDataset("caiso", "good", JAN_1);
    sample.writeDataset("caiso", "corrupt", JAN_1);
    Path corrupt = sample.writeDay("caiso", "corrupt", JAN_2);
    byte[] bytes = Files.readAllBytes(corrupt);
    Files.write(corrupt, java.util.Arrays.copyOf(bytes, bytes.length / 2)); // truncated gzip
    sample.writeDay("caiso", "no_metadata", JAN_1);
    Path dest = temp.resolve("dest");

    ConversionSummary summary = new ConversionJob(TestSpark.get()).backfill(request(source, dest, PARQUET_DAY_ATHENA), "run");

    DatasetOutcome corruptOutcome = outcome(summary, "caiso/corrupt");
    assertTrue(corruptOutcome.failure().orElseThrow().contains(corrupt.getFileName().toString()), corruptOutcome.toString());
    assertTrue(corruptOutcome.failure().orElseThrow().contains("not a valid gzip file"), corruptOutcome.toString());
    assertFalse(Files.exists(dest.resolve("caiso/corrupt")), "nothing of a failed dataset is published");
    DatasetOutcome noMetadata = outcome(summary, "caiso/no_metadata");
    assertTrue(noMetadata.failure().orElseThrow().contains("METADATA.json: missing"), noMetadata.toString());
    DatasetOutcome good = outcome(summary, "caiso/good");
    assertTrue(good.succeeded());
    assertEquals(48, good.rowsWritten());
    assertTrue(Files.exists(dest.resolve("caiso/good").resolve(PARQUET_DAY_ATHENA.partitionFile(JAN_1))));
    assertEquals(2, summary.failures().size());
    assertTrue(summary.render().contains("FAILED: "), summary.render());
  }

  @Test
  void aRunKilledDuringPublishIsReportedUntilItsUnitsAreRewrittenAndItsStagingIsRemoved() throws Exception {
    Path source = temp.resolve("source");
    new S3dbSampleData(source, 2, 1).writeDataset("caiso", "prices", JAN_1, JAN_2);
    Path dest = temp.resolve("dest");
    ConversionJob job = new ConversionJob(TestSpark.get());
    job.backfill(request(source, dest, PARQUET_DAY_ATHENA), "first");
    // What a run killed while publishing leaves: its marker, and its staging (its process has ended).
    Process ended = new ProcessBuilder("true").start();
    ended.waitFor();
    Path killedStaging = Files.createDirectories(dest.resolve("_tributary_staging/killed/caiso/prices"));
    Files.writeString(killedStaging.resolve("part.parquet"), "half written");
    Files.writeString(dest.resolve("_tributary_staging/killed/_owner"), "host="
        + java.net.InetAddress.getLocalHost().getHostName() + "\npid=" + ended.pid() + "\nstarted=2020-01-01T00:00:00Z\n");
    Files.createDirectories(dest.resolve("_tributary_staging/older-version/caiso"));
    String jan1 = "day-" + JAN_1.getEpochSecond();
    String jan2 = "day-" + JAN_2.getEpochSecond();
    Path marks = Files.createDirectories(dest.resolve("caiso/prices/_tributary_publishing"));
    Files.writeString(marks.resolve(jan1), "run=killed\n");
    Files.writeString(marks.resolve(jan2), "run=killed\n");

    ConversionSummary onlyJan1 = job.backfill(new ConversionRequest(StorageUri.parse(source.toUri().toString()),
        StorageUri.parse(dest.toUri().toString()), PARQUET_DAY_ATHENA, List.of(),
        Optional.of(new io.tributary.core.window.LoadWindow(JAN_1, JAN_2)), ConversionRequest.DEFAULT_TIME_INDEX), "second");

    assertFalse(Files.exists(dest.resolve("_tributary_staging/killed")), "a dead run's staging is removed");
    assertFalse(Files.exists(dest.resolve("_tributary_staging/older-version")));
    String rendered = onlyJan1.render();
    assertTrue(rendered.contains("note: removed the staging of 2 run(s) that ended without cleaning up"), rendered);
    assertTrue(rendered.contains("note: caiso/prices: the publish of run killed did not finish, or is under way; units"
        + " still to rewrite (they may be stale or missing): [" + jan2 + "]"), rendered);
    assertEquals(List.of(marks.resolve(jan2)), files(marks), "the unit it did not rewrite stays marked");
    assertEquals("run=killed\n", Files.readString(marks.resolve(jan2)));

    ConversionSummary all = job.backfill(request(source, dest, PARQUET_DAY_ATHENA), "third");

    assertFalse(Files.exists(dest.resolve("caiso/prices/_tributary_publishing")));
    assertTrue(all.render().contains("the unfinished publish of run killed is now complete"), all.render());
  }

  @Test
  void aFileWhoseRowsAreAllRejectedFailsItsDatasetWithTheReason() throws Exception {
    Path source = temp.resolve("source");
    S3dbSampleData sample = new S3dbSampleData(source, 2, 1);
    sample.writeDataset("caiso", "prices", JAN_1);
    Path copied = sample.dayFile("caiso", "prices", JAN_2);
    Files.createDirectories(copied.getParent());
    Files.copy(sample.dayFile("caiso", "prices", JAN_1), copied); // January 1st's rows under January 2nd's name

    ConversionSummary summary = new ConversionJob(TestSpark.get()).backfill(request(source, temp.resolve("dest"),
        PARQUET_DAY_ATHENA), "run");

    String failure = outcome(summary, "caiso/prices").failure().orElseThrow();
    assertTrue(failure.contains(copied.getFileName() + ": every one of its 48 rows was rejected, e.g. line 2:"),
        failure);
    assertTrue(failure.contains("is outside the file's day"), failure);
    assertFalse(summary.succeeded());
  }

  @Test
  void anEmptyFileAnEmptyGzipAndAByteOrderMarkAreNamed() throws Exception {
    Path source = temp.resolve("source");
    S3dbSampleData sample = new S3dbSampleData(source, 2, 1);
    sample.writeDataset("caiso", "zero", JAN_1);
    Files.write(sample.writeDay("caiso", "zero", JAN_2), new byte[0]);
    sample.writeDataset("caiso", "nothing", JAN_1);
    Path nothing = sample.writeDay("caiso", "nothing", JAN_2);
    try (var out = new GZIPOutputStream(Files.newOutputStream(nothing))) {
      out.flush(); // a whole gzip stream holding no bytes at all
    }
    sample.writeMetadata("caiso", "bom");
    writeDayFile(source, "caiso/bom", JAN_1, "\uFEFF" + S3dbSampleData.HEADER + "\n"
        + S3dbSampleData.row(JAN_1, 0, 0, 0) + "\n");

    ConversionSummary summary = new ConversionJob(TestSpark.get()).backfill(request(source, temp.resolve("dest"),
        PARQUET_DAY_ATHENA), "run");

    assertTrue(outcome(summary, "caiso/zero").failure().orElseThrow().endsWith("empty (0 bytes), not a gzip file"),
        summary.render());
    assertTrue(outcome(summary, "caiso/nothing").failure().orElseThrow().contains("no header row"), summary.render());
    assertEquals(1, outcome(summary, "caiso/bom").rowsWritten(), summary.render());
  }

  @Test
  void reRunningReplacesTheSamePartitionsAndOnlyThose() throws Exception {
    Path source = temp.resolve("source");
    new S3dbSampleData(source, 2, 1).writeDataset("caiso", "prices", JAN_1, JAN_2);
    Path dest = temp.resolve("dest");
    ConversionJob job = new ConversionJob(TestSpark.get());
    job.backfill(request(source, dest, PARQUET_DAY_ATHENA), "first");
    List<Path> first = files(dest);

    ConversionRequest onlyJan2 = new ConversionRequest(StorageUri.parse(source.toUri().toString()),
        StorageUri.parse(dest.toUri().toString()), PARQUET_DAY_ATHENA, List.of(DatasetId.parse("caiso/prices")),
        Optional.of(new LoadWindow(JAN_2, JAN_2.plusSeconds(86_400))), ConversionRequest.DEFAULT_TIME_INDEX);
    Path jan1 = dest.resolve("caiso/prices").resolve(PARQUET_DAY_ATHENA.partitionFile(JAN_1));
    long jan1Modified = Files.getLastModifiedTime(jan1).toMillis();
    Thread.sleep(20);
    ConversionSummary again = job.backfill(onlyJan2, "second");

    assertEquals(1, again.partitionsWritten());
    assertEquals(first, files(dest), "the same files, no duplicates, no staging left");
    assertEquals(jan1Modified, Files.getLastModifiedTime(jan1).toMillis(), "outside the range: untouched");
    assertEquals(96, TestSpark.get().read().parquet(dest.resolve("caiso/prices").toString()).count());

    // An emptied day removes its partition file on the next run.
    writeDayFile(source, "caiso/prices", JAN_2, S3dbSampleData.HEADER);
    ConversionSummary emptied = job.backfill(onlyJan2, "third");
    assertEquals(1, emptied.datasets().get(0).partitionsRemoved());
    assertFalse(Files.exists(dest.resolve("caiso/prices").resolve(PARQUET_DAY_ATHENA.partitionFile(JAN_2))));
  }

  @Test
  void aSourceWithNoDatasetIsAnErrorNamingIt() {
    Path missing = temp.resolve("no-such-source");

    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new ConversionJob(TestSpark.get())
        .backfill(request(missing, temp.resolve("out"), PARQUET_DAY_ATHENA), "r"));

    assertTrue(e.getMessage().startsWith("no dataset below " + StorageUri.parse(missing.toUri().toString())),
        e.getMessage());
  }

  @Test
  void overlappingSourceAndDestinationAreRefusedBeforeAnyWork() {
    Path source = temp.resolve("source");
    IllegalArgumentException inside = assertThrows(IllegalArgumentException.class,
        () -> request(source, source.resolve("converted"), PARQUET_DAY_ATHENA));
    assertTrue(inside.getMessage().contains("overlap"), inside.getMessage());
    assertThrows(IllegalArgumentException.class, () -> request(source.resolve("caiso"), source, PARQUET_DAY_ATHENA));
    assertTrue(StorageUri.parse("s3://lake/gz").overlaps(StorageUri.parse("s3a://lake/gz/parquet")));
    assertFalse(StorageUri.parse("s3a://lake/gz").overlaps(StorageUri.parse("s3a://lake/gz-parquet")));
    assertFalse(StorageUri.parse("s3a://lake/gz").overlaps(StorageUri.parse("s3a://other/gz")));
  }

  @Test
  void athenaLayoutIsPrunedByAPartitionFilter() throws Exception {
    Path source = temp.resolve("source");
    new S3dbSampleData(source, 2, 1).writeDataset("caiso", "prices", JAN_1, JAN_2, FEB_1);
    Path dest = temp.resolve("dest");
    ConversionTarget hourly =
        new ConversionTarget(OutputFormat.PARQUET, Compression.SZ, PartitionLayout.ATHENA, PartitionSize.HOUR);
    new ConversionJob(TestSpark.get()).backfill(request(source, dest, hourly), "prune");

    Dataset<Row> query = TestSpark.get().read().parquet(dest.resolve("caiso/prices").toString())
        .where("year = 2020 AND month = 1 AND day = 2 AND hour = 5");
    FileSourceScanExec scan = (FileSourceScanExec) query.queryExecution().executedPlan()
        .collectFirst(new scala.PartialFunction<>() {
          @Override
          public boolean isDefinedAt(org.apache.spark.sql.execution.SparkPlan plan) {
            return plan instanceof FileSourceScanExec;
          }

          @Override
          public org.apache.spark.sql.execution.SparkPlan apply(org.apache.spark.sql.execution.SparkPlan plan) {
            return plan;
          }
        }).get();
    String filters = scan.partitionFilters().mkString(" ");
    for (String filter : List.of("(year#", "= 2020)", "(month#", "= 1)", "(day#", "= 2)", "(hour#", "= 5)")) {
      assertTrue(filters.contains(filter), "partition filter " + filter + " in " + filters);
    }
    assertTrue(scan.dataFilters().isEmpty(), "no data filter: " + scan.dataFilters());
    assertEquals(2, query.collectAsList().size());
    assertEquals(1L, scan.metrics().apply("numFiles").value(), "files read after pruning");
    assertEquals(1L, scan.metrics().apply("numPartitions").value(), "partition directories read");
    assertEquals(72, TestSpark.get().read().parquet(dest.resolve("caiso/prices").toString()).inputFiles().length);
  }

  @Test
  void dataClientMetadataDescribesTheFilesNamedByPartitionStart() throws Exception {
    Path source = temp.resolve("source");
    new S3dbSampleData(source, 2, 1).writeDataset("caiso", "prices", JAN_1, FEB_1);
    Path dest = temp.resolve("dest");
    ConversionTarget monthly =
        new ConversionTarget(OutputFormat.ARROW, Compression.GZ, PartitionLayout.DATACLIENT, PartitionSize.MONTH);
    new ConversionJob(TestSpark.get()).backfill(request(source, dest, monthly), "dc");

    Path dataset = dest.resolve("caiso/prices");
    assertEquals(List.of(dataset.resolve("METADATA.json"), dataset.resolve("year=2020/1577836800.arrow.gz"),
        dataset.resolve("year=2020/1580515200.arrow.gz")), files(dataset));
    JsonNode metadata = new ObjectMapper().readTree(Files.readString(dataset.resolve("METADATA.json")));
    assertEquals("TimeSeriesIndex", metadata.at("/index/_type").asText());
    assertEquals("target_start", metadata.at("/index/_attr/key").asText());
    assertEquals("MONTH", metadata.at("/index/_attr/partition_size").asText());
    // DataClient.jl's FFS store: top-level file_format and compression (its enums), Julia column types, a tz name.
    assertEquals("ARROW", metadata.get("file_format").asText());
    assertEquals("GZ", metadata.get("compression").asText());
    assertTrue(metadata.path("storage_format").isMissingNode());
    assertEquals("[\"release_date\",\"target_start\",\"target_end\",\"node_name\",\"lmp\",\"is_settled\"]",
        metadata.get("column_order").toString());
    assertEquals("\"ZonedDateTime\"", metadata.at("/column_types/target_start").toString(),
        "the index registered as DataClient's insert registers it");
    assertEquals("[\"Union\",\"Missing\",\"Int64\"]", metadata.at("/column_types/target_end").toString());
    assertEquals("[\"Union\",\"Missing\",\"String\"]", metadata.at("/column_types/node_name").toString());
    assertEquals("[\"Union\",\"Missing\",\"Float64\"]", metadata.at("/column_types/lmp").toString());
    assertEquals("[\"Union\",\"Missing\",\"Bool\"]", metadata.at("/column_types/is_settled").toString());
    assertEquals("America/Los_Angeles", metadata.get("timezone").asText(),
        "caiso's zone in DataClient's own table, whatever the tags say (UTC-5)");
    assertTrue(metadata.get("last_modified").asLong() > 1_700_000_000L);
    assertTrue(metadata.get("details").isObject());
    // Its S3DB store (gather.jl iterates type_map; superkey and tags): the source's keys, unchanged.
    JsonNode sourceMetadata = new ObjectMapper().readTree(S3dbSampleData.METADATA);
    for (String key : List.of("type_map", "superkey", "value_key", "tags")) {
      assertEquals(sourceMetadata.get(key), metadata.get(key), key);
    }
  }

  @Test
  void theTimeIndexIsNeverNullInArrowOrParquetAndARowWithoutOneIsRejectedWithItsLine() throws Exception {
    Path source = temp.resolve("source");
    S3dbSampleData sample = new S3dbSampleData(source, 2, 1);
    sample.writeMetadata("caiso", "prices");
    Path day = sample.writeDay("caiso", "prices", JAN_1);
    List<String> lines = new ArrayList<>();
    try (var in = new java.util.zip.GZIPInputStream(Files.newInputStream(day))) {
      new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).lines().forEach(lines::add);
    }
    List<String> header = List.of(lines.get(0).split(","));
    String[] broken = lines.get(2).split(",", -1);
    broken[header.indexOf("target_start")] = "";
    lines.set(2, String.join(",", broken));
    try (var out = new java.util.zip.GZIPOutputStream(Files.newOutputStream(day))) {
      out.write((String.join("\n", lines) + "\n").getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }
    for (OutputFormat format : List.of(OutputFormat.PARQUET, OutputFormat.ARROW)) {
      Path dest = temp.resolve("dest-" + format);
      ConversionTarget daily = new ConversionTarget(format, Compression.NONE, PartitionLayout.DATACLIENT,
          PartitionSize.DAY);
      ConversionSummary summary = new ConversionJob(TestSpark.get()).backfill(request(source, dest, daily), "dc");

      assertEquals(1, summary.rowsRejected(), summary.render());
      String rejects = Files.readString(dest.resolve("_rejected/caiso/prices/day-1577836800.csv"));
      assertTrue(rejects.lines().skip(1).findFirst().orElseThrow().matches("[^,]*1577836800\\.csv\\.gz\"?,3,"
          + "\"?target_start: empty.*"), rejects);
      Path file;
      try (Stream<Path> files = Files.walk(dest.resolve("caiso/prices"))) {
        file = files.filter(f -> f.getFileName().toString().startsWith("1577836800")).findFirst().orElseThrow();
      }
      Map<String, Boolean> nullable = ConvertedFiles.nullable(file);
      assertEquals(false, nullable.get("target_start"), format + ": " + nullable);
      assertEquals(true, nullable.get("lmp"), format + ": " + nullable);
    }
  }

  @Test
  void listColumnsZeroOneBoolsAndValueColumnsTheTypeMapOmitsConvertAsGatherReadsThem() throws Exception {
    // After DataClient.jl's datasoup/ercot fixture: a list column (JSON arrays, null elements), a bool written
    // 0/1, and a value_key column (an offer curve) that type_map does not name.
    Path dataset = Files.createDirectories(temp.resolve("source/datasoup/ercot_offers"));
    Files.writeString(dataset.resolve("METADATA.json"), """
        {"tags": {"ercot-dam": {"time_zone": "America/Chicago"}},
         "type_map": {"target_start": "int", "target_end": "int", "resource_name": "str", "multi_hour": "bool",
                      "mw_blocks": "list", "release_date": "int"},
         "superkey": ["target_start", "target_end", "resource_name", "multi_hour", "release_date"],
         "value_key": ["mw_blocks", "rrs_offer_curve"]}
        """);
    Path year = Files.createDirectories(dataset.resolve("year=2020"));
    try (var out = new GZIPOutputStream(Files.newOutputStream(year.resolve("1577836800.csv.gz")))) {
      out.write(("target_start,target_end,resource_name,multi_hour,mw_blocks,release_date,rrs_offer_curve\n"
          + "1577836800,1577840400,UNIT_A,1,\"[10.5, null, 30]\",1577750400,\"[[1.0, 2.0]]\"\n"
          + "1577840400,1577844000,UNIT_B,0,[],1577750400,\n"
          + "1577844000,1577847600,UNIT_C,0,\"[1, 2\",1577750400,\n").getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }
    Path dest = temp.resolve("dest");
    ConversionTarget daily = new ConversionTarget(OutputFormat.PARQUET, Compression.NONE, PartitionLayout.DATACLIENT,
        PartitionSize.DAY);

    ConversionSummary summary = new ConversionJob(TestSpark.get()).backfill(request(temp.resolve("source"), dest,
        daily), "dc");

    assertEquals(2, summary.rowsWritten(), summary.render());
    assertEquals(1, summary.rowsRejected(), "a list that is no JSON array");
    assertTrue(Files.readString(dest.resolve("_rejected/datasoup/ercot_offers/day-1577836800.csv"))
        .contains("mw_blocks: '[1, 2' is not a JSON array (list)"), summary.render());
    List<List<Object>> rows = ConvertedFiles.read(dest.resolve("datasoup/ercot_offers/year=2020/1577836800.parquet"),
        daily, temp);
    assertEquals(List.of(1577836800L, 1577840400L, "UNIT_A", true, "[10.5, null, 30]", 1577750400L, "[[1.0, 2.0]]"),
        rows.get(0));
    assertEquals(Arrays.asList(1577840400L, 1577844000L, "UNIT_B", false, "[]", 1577750400L, null), rows.get(1));
    JsonNode metadata = new ObjectMapper().readTree(Files.readString(dest.resolve("datasoup/ercot_offers/METADATA.json")));
    assertEquals("list", metadata.at("/type_map/mw_blocks").asText(), "the source's type_map, unchanged");
    assertEquals("America/Chicago", metadata.get("timezone").asText(), "a datasoup ercot_ dataset has ercot's zone");
  }

  private static DatasetOutcome outcome(ConversionSummary summary, String dataset) {
    return summary.datasets().stream().filter(d -> d.dataset().path().equals(dataset)).findFirst().orElseThrow();
  }

  private static List<Path> files(Path root) throws Exception {
    try (Stream<Path> files = Files.walk(root)) {
      return files.filter(Files::isRegularFile).sorted().toList();
    }
  }

  /** Writes a day file with exactly {@code text}; returns its URI as the converter names it. */
  private static String writeDayFile(Path source, String dataset, Instant day, String text) throws Exception {
    Path file = source.resolve(dataset).resolve("year=" + day.toString().substring(0, 4))
        .resolve(day.getEpochSecond() + ".csv.gz");
    Files.createDirectories(file.getParent());
    try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file))) {
      out.write(text.getBytes(StandardCharsets.UTF_8));
    }
    return StorageUri.parse(source.toUri().toString()).resolve(dataset + "/" + source.resolve(dataset).relativize(file));
  }
}
