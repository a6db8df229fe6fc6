package io.tributary.livefill;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.tributary.aws.dynamodb.DynamoDbConfigStore;
import io.tributary.aws.dynamodb.DynamoDbHistoryStore;
import io.tributary.aws.dynamodb.TributaryTables;
import io.tributary.aws.local.DynamoDbLocalProcess;
import io.tributary.convert.Conversion;
import io.tributary.convert.DuckDbRows;
import io.tributary.convert.InProcessUnits;
import io.tributary.convert.S3dbSampleData;
import io.tributary.core.config.JobConfig;
import io.tributary.core.config.JobTableParser;
import io.tributary.core.convert.ConversionTarget;
import io.tributary.core.history.ConfigStore;
import io.tributary.core.history.HistoryStore;
import io.tributary.core.history.JobRun;
import io.tributary.core.history.RunStatus;
import io.tributary.core.run.WindowBookkeeping;
import io.tributary.core.testing.MutableClock;
import io.tributary.core.window.LoadWindow;
import io.tributary.orchestration.Json;
import io.tributary.orchestration.RecordingExecutions;
import io.tributary.spark.testing.LocalS3;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The live-fill function on S3 (S3Proxy through the AWS SDK) with its job table and history, the day leases, in
 * DynamoDB (DynamoDB Local): SQS batches of S3 events convert hour and day partitions in the function, send month
 * jobs to the state machine, and fail message by message.
 */
class LiveFillFunctionTest {
  static final Instant JAN_1 = Instant.parse("2020-01-01T00:00:00Z");
  static final Instant JAN_2 = JAN_1.plus(Duration.ofDays(1));
  static final String TABLE = "job_name|load_date|load_window_start|load_window_stop|job_flow_id|job_status"
      + "|output_dir|script_source|database_name|table_name|window_db_column|partition_by_col|lower_bound"
      + "|upper_bound|num_partitions|options\n"
      + "daily|-|2020-01-01 00:00:00|2020-01-02 00:00:00|-|PENDING|s3://lake/daily|convert|-|-|-|-|-|-|-"
      + "|source=s3://feeds/s3db;format=parquet;compression=zst;layout=athena;partition_size=day;live=true\n"
      + "hourly|-|2020-01-01 00:00:00|2020-01-02 00:00:00|-|PENDING|s3://lake/hourly|convert|-|-|-|-|-|-|-"
      + "|source=s3://feeds/s3db;format=arrow;compression=lz4;layout=dataclient;partition_size=hour;live=true\n"
      + "monthly|-|2020-01-01 00:00:00|2020-01-02 00:00:00|-|PENDING|s3://lake/monthly|convert|-|-|-|-|-|-|-"
      + "|source=s3://feeds/s3db;format=parquet;compression=gz;layout=athena;partition_size=month;live=true\n"
      + "deposit|-|2018-11-01 00:00:00|2018-11-02 00:00:00|-|PENDING|s3://lake/RAW|jdbc-ingest|sales|deposits"
      + "|shipmt_date_tstmp|quarter|1|1000|4|-\n";

  @TempDir static Path work;
  static LocalS3 s3;
  static S3Client client;
  static DynamoDbLocalProcess dynamoDb;
  static int tables;
  static Path feeds;
  static Path lake;

  final RecordingExecutions executions = new RecordingExecutions();
  final List<String> logged = new ArrayList<>();
  final MutableClock clock = new MutableClock(Instant.parse("2026-12-07T10:00:00Z"));
  ConfigStore configs;
  HistoryStore history;
  LiveFillFunction function;
  S3dbSampleData sample;

  @BeforeAll
  static void startS3() throws Exception {
    s3 = LocalS3.start(work.resolve("s3"));
    feeds = s3.bucket("feeds");
    lake = s3.bucket("lake");
    Map<String, String> settings = s3.settings();
    client = S3Client.builder().httpClient(UrlConnectionHttpClient.create()).region(Region.US_EAST_1)
        .endpointOverride(URI.create(settings.get("fs.s3a.endpoint"))).forcePathStyle(true)
        .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
        .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(
            settings.get("fs.s3a.access.key"), settings.get("fs.s3a.secret.key")))).build();
  }

  @BeforeAll
  static void startDynamoDb() {
    dynamoDb = DynamoDbLocalProcess.start();
  }

  @AfterAll
  static void stop() {
    client.close();
    s3.close();
    dynamoDb.close();
  }

  @BeforeEach
  void setUp() throws Exception {
    for (Path bucket : List.of(feeds, lake)) {
      try (var files = Files.walk(bucket)) {
        files.sorted(Comparator.reverseOrder()).filter(p -> !p.equals(bucket)).forEach(p -> p.toFile().delete());
      }
    }
    TributaryTables names = new TributaryTables("config-" + tables, "history-" + tables++);
    names.createIfMissing(dynamoDb.client());
    configs = new DynamoDbConfigStore(dynamoDb.client(), names.configTable());
    history = new DynamoDbHistoryStore(dynamoDb.client(), names);
    configs.load(JobTableParser.parse("config.txt", TABLE));
    sample = new S3dbSampleData(feeds.resolve("s3db"), 3, 2);
    sample.writeDataset("caiso", "prices", JAN_1, JAN_2);
    sample.writeDataset("ercot", "offers", JAN_1);
    SdkStorage storage = new SdkStorage(new S3FileStore(client, Files.createDirectories(work.resolve("spool")), false));
    Conversion conversion = new Conversion(storage, new InProcessUnits(storage, 1), Conversion.DEFAULT_MEMORY_BUDGET,
        clock);
    function = new LiveFillFunction(configs,
        new DayLiveFill(conversion, new WindowBookkeeping(history, clock, Duration.ofMinutes(20)), clock),
        executions, clock, logged::add);
  }

  @Test
  void dayAndHourJobsAreConvertedInTheFunctionAndAMonthJobGoesToTheStateMachine() throws Exception {
    JsonNode out = function.invoke(batch(message("m1", "caiso/prices", JAN_1), message("m2", "ercot/offers", JAN_1),
        message("m3", "caiso/prices", JAN_2)));

    assertEquals("[]", out.get("batchItemFailures").toString(), out.toString());
    assertEquals(4, out.get("daysConverted").asInt(), "two days of two jobs in the function");
    ConversionTarget target = configs.get("daily").orElseThrow().conversion().target();
    for (Instant day : List.of(JAN_1, JAN_2)) {
      Path file = lake.resolve("daily/caiso/prices").resolve(target.partitionFile(day));
      assertEquals(24 * 3 * 2, DuckDbRows.count(file), "rows of " + file + ", read by DuckDB");
    }
    assertEquals(1, executions.started.size(), "one execution for the month job");
    JsonNode input = Json.MAPPER.readTree(executions.started.get(0).input());
    assertEquals(3, input.path("liveFill").path("monthly").size(), "the month job takes every object");
    assertFalse(input.path("liveFill").has("daily"), "the day job is not sent to the cluster");
    List<JobRun> daily = history.runs("daily");
    assertEquals(2, daily.size(), "one run per day of the day job");
    for (JobRun run : daily) {
      assertEquals(RunStatus.SUCCEEDED, run.status());
      long rows = run.window().start().equals(JAN_1) ? 2 * 24 * 3 * 2 : 24 * 3 * 2;
      assertEquals(rows, run.result().orElseThrow().rowsRead(), "rows read on " + run.window());
      assertEquals(rows, run.result().orElseThrow().rowsWritten());
    }
    assertEquals(2, history.runs("hourly").size());
    assertTrue(logged.contains("live-fill daily 2020-01-01T00:00:00Z: 288 rows read, 288 written, 0 rejected"),
        "each day's outcome in the function's log: " + logged);
    assertTrue(history.runs("monthly").isEmpty(), "the cluster records the month job's run");
  }

  @Test
  void whileAMonthLiveFillRunsTheMonthJobsMessagesWaitAndTheDayJobsAreConvertedAnyway() throws Exception {
    executions.running.add("live-1700000000-abc");
    String other = "{\"messageId\":\"not-s3\",\"body\":\"hello\"}";

    JsonNode out = function.invoke(batch(message("m1", "caiso/prices", JAN_1), other));

    assertEquals("[{\"itemIdentifier\":\"not-s3\"},{\"itemIdentifier\":\"m1\"}]",
        out.get("batchItemFailures").toString(), "the bad message alone, and the month job's message");
    assertTrue(out.get("failed").get(0).get("reason").asText().contains("live-1700000000-abc is running"));
    assertTrue(executions.started.isEmpty(), "no second month live-fill");
    assertEquals(2, out.get("daysConverted").asInt(), "the day and hour jobs' day is converted all the same");
    assertEquals(RunStatus.SUCCEEDED, history.runs("daily").get(0).status());
  }

  @Test
  void aDaysRejectedRowsAreCountedInHistoryAndTheirReportIsNamedInTheLog() throws Exception {
    Path day = sample.dayFile("caiso", "prices", JAN_2);
    String text;
    try (InputStream in = new GZIPInputStream(Files.newInputStream(day))) {
      text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(day))) {
      out.write((text + "1577923200,not-a-time,1577926800,NODE_X,1.0,true\n").getBytes(StandardCharsets.UTF_8));
    }

    JsonNode out = function.invoke(batch(message("m1", "caiso/prices", JAN_2)));

    assertEquals("[]", out.get("batchItemFailures").toString(), "a rejected row does not fail the day");
    JobRun run = history.runs("daily").get(0);
    assertEquals(1, run.result().orElseThrow().rowsRejected());
    assertEquals(run.result().orElseThrow().rowsRead(), run.result().orElseThrow().rowsWritten() + 1);
    String line = logged.stream().filter(l -> l.startsWith("live-fill daily ")).findFirst().orElseThrow();
    assertTrue(line.matches("live-fill daily 2020-01-02T00:00:00Z: 145 rows read, 144 written, 1 rejected; rejects in"
        + " s3a?://lake/daily/_rejected/caiso/prices/\\S+"), line);
    String report = line.substring(line.indexOf("rejects in ") + "rejects in ".length());
    assertTrue(Files.readString(lake.resolve(report.substring(report.indexOf("//lake/") + "//lake/".length())))
        .contains("not-a-time"), "the report keeps the row");
  }

  @Test
  void aPoisonObjectFailsItsOwnMessageAloneAndTheOthersArePublished() throws Exception {
    Files.write(sample.dayFile("ercot", "offers", JAN_1), new byte[] {0x1f, (byte) 0x8b, 8, 0, 1, 2, 3});

    JsonNode out = function.invoke(batch(message("good", "caiso/prices", JAN_1),
        message("poison", "ercot/offers", JAN_1)));

    assertEquals("[{\"itemIdentifier\":\"poison\"}]", out.get("batchItemFailures").toString());
    assertTrue(out.get("failed").get(0).get("reason").asText().contains("1577836800.csv.gz"),
        "the failure names the file: " + out.get("failed"));
    assertTrue(Files.isDirectory(lake.resolve("daily/caiso/prices")), "the good message's day is published");
    assertFalse(Files.exists(lake.resolve("daily/ercot/offers/year=2020")), "nothing of the poison day");
  }

  @Test
  void aDayHeldByAnotherRunGoesBackToTheQueueAndIsConvertedOnceFree() throws Exception {
    JobConfig daily = configs.get("daily").orElseThrow();
    WindowBookkeeping other = new WindowBookkeeping(history, clock, Duration.ofMinutes(20));
    JobRun holding = other.start(daily, new LoadWindow(JAN_1, JAN_2), "other-invocation", "-",
        WindowBookkeeping.Mode.BACKFILL);
    sample.writeDay("caiso", "prices", JAN_1);
    // The holder is publishing its day: its unit's mark must outlive the other day's publish.
    Path marks = Files.createDirectories(lake.resolve("daily/caiso/prices/_tributary_publishing"));
    Files.writeString(marks.resolve("day-" + JAN_1.getEpochSecond()), "run=other-invocation\n");

    JsonNode busy = function.invoke(batch(message("held", "caiso/prices", JAN_1),
        message("free", "caiso/prices", JAN_2)));

    assertEquals("[{\"itemIdentifier\":\"held\"}]", busy.get("batchItemFailures").toString());
    assertTrue(busy.get("failed").get(0).get("reason").asText().contains("being converted by another run"));
    Path day1 = lake.resolve("daily/caiso/prices/year=2020/month=01/day=01");
    assertFalse(Files.exists(day1), "the held day is left to its run");
    assertTrue(Files.exists(lake.resolve("daily/caiso/prices/year=2020/month=01/day=02")));
    assertEquals("run=other-invocation\n", Files.readString(marks.resolve("day-" + JAN_1.getEpochSecond())),
        "the other day's publish leaves the holder's mark alone");
    Files.delete(marks.resolve("day-" + JAN_1.getEpochSecond())); // the holder's publish ends

    other.fail(holding, "ended", WindowBookkeeping.Mode.BACKFILL);
    JsonNode retried = function.invoke(batch(message("held", "caiso/prices", JAN_1)));
    assertEquals("[]", retried.get("batchItemFailures").toString());
    assertTrue(Files.exists(day1), "the retried message converts the day");
    assertFalse(Files.exists(marks), "no mark is left once every publish has ended");
  }

  @Test
  void duplicateAndOutOfOrderEventsConvergeOnTheSourceAsItIsNow() throws Exception {
    function.invoke(batch(message("first", "caiso/prices", JAN_1)));
    Path partition = lake.resolve("daily/caiso/prices/year=2020/month=01/day=01");
    byte[] before = readAll(partition);
    new S3dbSampleData(feeds.resolve("s3db"), 5, 2).writeDay("caiso", "prices", JAN_1); // updated: more nodes

    function.invoke(batch(message("update", "caiso/prices", JAN_1)));
    byte[] updated = readAll(partition);
    function.invoke(batch(message("first", "caiso/prices", JAN_1), message("first-again", "caiso/prices", JAN_1)));

    assertFalse(Arrays.equals(before, updated), "the update is converted again");
    assertArrayEquals(updated, readAll(partition), "a late duplicate of the first event changes nothing");
    // The runs share the test's clock, so history cannot order them: each run's rows tell what it read.
    List<Long> written = history.runs("daily").stream().map(r -> r.result().orElseThrow().rowsWritten()).sorted()
        .toList();
    assertEquals(List.of(24L * 3 * 2, 24L * 5 * 2, 24L * 5 * 2), written, "the runs after the update read it");
  }

  private static byte[] readAll(Path directory) throws Exception {
    try (var files = Files.walk(directory)) {
      List<Path> all = files.filter(Files::isRegularFile).sorted().toList();
      assertEquals(1, all.size(), "one file in " + directory + ": " + all);
      return Files.readAllBytes(all.get(0));
    }
  }

  private String message(String id, String dataset, Instant day) {
    String key = "s3db/" + dataset + "/year=2020/" + day.getEpochSecond() + ".csv.gz";
    String notification = "{\"Records\":[{\"eventName\":\"ObjectCreated:Put\",\"s3\":{\"bucket\":{\"name\":\"feeds\"},"
        + "\"object\":{\"key\":\"" + key.replace("=", "%3D") + "\"}}}]}";
    return "{\"messageId\":\"" + id + "\",\"body\":" + Json.MAPPER.valueToTree(notification) + "}";
  }

  private static JsonNode batch(String... messages) throws Exception {
    return Json.MAPPER.readTree("{\"Records\":[" + String.join(",", messages) + "]}");
  }
}
