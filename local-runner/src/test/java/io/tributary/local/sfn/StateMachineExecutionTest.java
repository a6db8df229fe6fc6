package io.tributary.local.sfn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tributary.aws.AwsClients;
import io.tributary.aws.dynamodb.DynamoDbConfigStore;
import io.tributary.aws.dynamodb.DynamoDbHistoryStore;
import io.tributary.aws.dynamodb.TributaryTables;
import io.tributary.aws.local.DynamoDbLocalProcess;
import io.tributary.core.config.JobConfig;
import io.tributary.core.config.JobStatus;
import io.tributary.core.config.JobTableParser;
import io.tributary.core.history.ConfigStore;
import io.tributary.core.history.HistoryStore;
import io.tributary.core.history.JobRun;
import io.tributary.core.history.RunStatus;
import io.tributary.core.window.WindowTime;
import io.tributary.local.LocalPostgres;
import io.tributary.local.LocalSpark;
import io.tributary.local.SampleTables;
import io.tributary.orchestration.Json;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * statemachine/ingestion.asl.json run by the real ASL interpreter, its tasks served by the orchestration
 * handlers over DynamoDB Local, steps run on local Spark against embedded PostgreSQL.
 */
class StateMachineExecutionTest {
  static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
  static LocalPostgres postgres;
  static DynamoDbLocalProcess dynamo;
  static DynamoDbClient client;
  Stores stores;
  static SparkSession spark;
  @TempDir static Path work;
  @TempDir Path lake;
  LocalOrchestration orchestration;

  @BeforeAll
  static void start() throws Exception {
    System.setProperty("spark.master", "local[2]");
    postgres = LocalPostgres.start("sales", work);
    try (Connection connection = postgres.connect()) {
      SampleTables.create(connection, 2_000, 2);
    }
    dynamo = DynamoDbLocalProcess.start();
    client = dynamo.client();
    spark = LocalSpark.start("state-machine-test");
  }

  @AfterAll
  static void stop() throws Exception {
    client.close();
    dynamo.close();
    postgres.close();
  }

  /** Fresh tables for each test, in the shared DynamoDB Local. */
  record Stores(ConfigStore configs, HistoryStore history) {}

  @BeforeEach
  void orchestration() throws Exception {
    String suffix = UUID.randomUUID().toString().substring(0, 8);
    TributaryTables tables = new TributaryTables("config_" + suffix, "history_" + suffix);
    tables.createIfMissing(client);
    stores = new Stores(new DynamoDbConfigStore(client, tables.configTable()),
        new DynamoDbHistoryStore(client, tables));
    orchestration = new LocalOrchestration(ROOT, stores.configs(), stores.history(), spark, AwsClients.over(client),
        postgres.secrets(),
        lake.resolve("runs"), Clock.fixed(WindowTime.parse("2018-11-03 00:00:00"), ZoneOffset.UTC), 10, 5, false);
  }

  @AfterEach
  void close() {
    orchestration.close();
  }

  void load(String... jobs) {
    StringBuilder text = new StringBuilder("job_name|load_date|load_window_start|load_window_stop|job_flow_id"
        + "|job_status|output_dir|script_source|database_name|table_name|window_db_column|partition_by_col"
        + "|lower_bound|upper_bound|num_partitions\n");
    for (String job : jobs) {
      text.append(job).append("|-|2018-11-01 00:00:00|2018-11-02 00:00:00|-|PENDING|").append(lake.toUri())
          .append("|jdbc-ingest|sales|").append(job.equals("broken") ? "no_such_table" : job + "s")
          .append("|shipmt_date_tstmp|quarter|1|1000|2\n");
    }
    stores.configs().load(JobTableParser.parse("test", text.toString()));
  }

  /** Loads one convert job reading {@code source} into {@code dest}, its window a day from {@code windowStart}. */
  void loadConvertJob(String name, String windowStart, Path dest, Path source, String options) {
    java.time.Instant start = WindowTime.parse(windowStart);
    stores.configs().load(JobTableParser.parse("test", "job_name|load_date|load_window_start|load_window_stop"
        + "|job_flow_id|job_status|output_dir|script_source|database_name|table_name|window_db_column"
        + "|partition_by_col|lower_bound|upper_bound|num_partitions|options\n"
        + name + "|-|" + WindowTime.format(start) + "|" + WindowTime.format(start.plusSeconds(86_400)) + "|-|PENDING|"
        + dest.toUri() + "|convert|-|-|-|-|-|-|-|source=" + source.toUri() + ";" + options + "\n"));
  }

  @Test
  void aWarehouseLoadJobLoadsTheWindowsItsSourceJobPublishedIntoPostgres() throws Exception {
    try (Connection connection = postgres.connect(); var statement = connection.createStatement()) {
      statement.execute("DROP SCHEMA IF EXISTS warehouse CASCADE");
    }
    stores.configs().load(JobTableParser.parse("test", "job_name|load_date|load_window_start|load_window_stop"
        + "|job_flow_id|job_status|output_dir|script_source|database_name|table_name|window_db_column"
        + "|partition_by_col|lower_bound|upper_bound|num_partitions|options\n"
        + "deposit|-|2018-11-01 00:00:00|2018-11-02 00:00:00|-|PENDING|" + lake.toUri() + "|jdbc-ingest|sales"
        + "|deposits|shipmt_date_tstmp|quarter|1|1000|2|-\n"
        + "wh|-|2018-11-01 00:00:00|2018-11-02 00:00:00|-|PENDING|" + lake.toUri() + "|warehouse-load|-|-|-|-|-|-|-"
        + "|schema=warehouse;tables=deposits;source_job=deposit;config="
        + ROOT.resolve("config/warehouse/deposits.yml").toUri() + ";secret_source=" + postgres.secrets() + "\n"));

    LocalStateMachine.Execution first = orchestration.execute(Json.object());

    assertTrue(first.succeeded(), first.toString());
    assertEquals(List.of(), stores.history().runs("wh"), "nothing of deposit was published when the run was planned");
    LocalStateMachine.Execution second = orchestration.execute(Json.object());
    assertTrue(second.succeeded(), second.toString());
    List<JobRun> runs = stores.history().runs("wh");
    assertEquals(2, runs.size(), runs.toString());
    assertTrue(runs.stream().allMatch(r -> r.status() == RunStatus.SUCCEEDED && r.result().orElseThrow().rowsWritten() == 1000),
        runs.toString());
    try (Connection connection = postgres.connect(); var statement = connection.createStatement();
        var rows = statement.executeQuery("SELECT count(*), count(DISTINCT id), min(shipmt_date_tstmp)::text"
            + " FROM warehouse.deposits")) {
      rows.next();
      assertEquals(2000, rows.getLong(1));
      assertEquals(2000, rows.getLong(2));
      assertTrue(rows.getString(3).startsWith("2018-11-01"), rows.getString(3));
    }
    assertEquals(WindowTime.parse("2018-11-03 00:00:00"), stores.configs().get("wh").orElseThrow().window().start());
  }

  @Test
  void happyPathLoadsEveryDueWindowRotatesAndTerminatesTheCluster() throws Exception {
    load("deposit", "loan");

    LocalStateMachine.Execution execution = orchestration.execute(Json.object());

    assertTrue(execution.succeeded(), execution.toString());
    for (String job : List.of("deposit", "loan")) {
      List<JobRun> runs = stores.history().runs(job);
      assertEquals(2, runs.size(), job + ": " + runs);
      assertTrue(runs.stream().allMatch(r -> r.status() == RunStatus.SUCCEEDED && r.result().orElseThrow().rowsWritten() == 1000));
      JobConfig stored = stores.configs().get(job).orElseThrow();
      assertEquals(WindowTime.parse("2018-11-03 00:00:00"), stored.window().start());
      assertEquals(JobStatus.SUCCEEDED, stored.state().status());
      assertEquals("j-LOCAL1", stored.state().jobFlowId(), "the cluster that ran it is recorded");
    }
    assertEquals(List.of("j-LOCAL1"), orchestration.emr().terminated());
    assertEquals(0, orchestration.emr().running().size());
    assertEquals(1, orchestration.notifications().published().size());
    assertTrue(orchestration.notifications().published().get(0).message().contains("deposit: SUCCEEDED, 2 windows loaded"));
    // What AWS would bill, from the definition: PlanRun, AnythingDue, CreateCluster, RunJobs, TerminateCluster,
    // Summarize, NotifySummary, Outcome, RunSucceeded; per job, per window NextWindow, RecordRunning, RunStep,
    // CompleteWindow and Advance, then NextWindow and JobDone: 9 + 2 x (2 x 5 + 2).
    assertEquals(33, execution.transitions());
    assertEquals(new LocalEmrCluster.Usage(1, 4, orchestration.emr().usage().clusterSeconds()),
        orchestration.emr().usage());
    assertTrue(orchestration.emr().usage().clusterSeconds() > 0);
    assertEquals(java.util.Map.of("PlanRun", 1L, "RecordHistory", 8L, "Summarize", 1L),
        orchestration.lambdaInvocations(), "RecordRunning and CompleteWindow per window");
  }

  @Test
  void oneFailingJobFailsTheExecutionButNotTheOthers() throws Exception {
    load("deposit", "broken");

    LocalStateMachine.Execution execution = orchestration.execute(Json.object());

    assertFalse(execution.succeeded());
    assertEquals("Tributary.JobsFailed", execution.error());
    assertTrue(execution.cause().contains("broken: FAILED"), execution.cause());
    assertTrue(execution.cause().contains("no_such_table"), execution.cause());
    assertEquals(2, stores.history().runs("deposit").stream().filter(r -> r.status() == RunStatus.SUCCEEDED).count());
    JobConfig broken = stores.configs().get("broken").orElseThrow();
    assertEquals(WindowTime.parse("2018-11-01 00:00:00"), broken.window().start(), "a failed window is kept");
    assertEquals(JobStatus.FAILED, broken.state().status());
    assertEquals(RunStatus.FAILED, stores.history().runs("broken").get(0).status());
    assertEquals(1, orchestration.emr().terminated().size());
    assertEquals(0, orchestration.emr().running().size());
    assertTrue(orchestration.notifications().published().get(0).subject().contains("FAILED"));
  }

  /** How far below Step Functions' 256 KB a state must stay in these tests. */
  static final int STATE_BUDGET_BYTES = LocalStateMachine.STATE_LIMIT_BYTES / 4;

  @Test
  void sixtyJobsFailingWithLongErrorsKeepTheStateSmallAndStillTerminateSummarizeAndRecord() throws Exception {
    StringBuilder text = new StringBuilder("job_name|load_date|load_window_start|load_window_stop|job_flow_id"
        + "|job_status|output_dir|script_source|database_name|table_name|window_db_column|partition_by_col"
        + "|lower_bound|upper_bound|num_partitions\n");
    for (int i = 0; i < 60; i++) {
      text.append("job_").append(i).append("|-|2018-11-01 00:00:00|2018-11-02 00:00:00|-|PENDING|").append(lake.toUri())
          .append("|jdbc-ingest|sales|deposits|shipmt_date_tstmp|quarter|1|1000|2\n");
    }
    stores.configs().load(JobTableParser.parse("test", text.toString()));
    orchestration.emr().failStepsWithMessagesOf(8_000);

    LocalStateMachine.Execution execution = orchestration.execute(Json.object());

    System.out.printf("60 failing jobs: largest state %,d bytes (%s), limit %,d%n", execution.largestStateBytes(),
        execution.largestStateName(), LocalStateMachine.STATE_LIMIT_BYTES);
    assertEquals("Tributary.JobsFailed", execution.error(), execution.toString());
    assertTrue(execution.largestStateBytes() < STATE_BUDGET_BYTES, execution.largestStateBytes() + " bytes");
    assertEquals(1, orchestration.emr().terminated().size(), "the cluster is terminated");
    assertEquals(0, orchestration.emr().running().size());
    assertTrue(orchestration.notifications().published().get(0).message().contains("job_59: FAILED"));
    for (int i = 0; i < 60; i++) {
      JobRun run = stores.history().runs("job_" + i).get(0);
      assertEquals(RunStatus.FAILED, run.status(), "no run is left RUNNING, holding its lease");
      assertTrue(run.error().orElseThrow().length() > 8_000, "history keeps the whole error");
    }
  }

  @Test
  void aLiveFillOfFiveHundredObjectsKeepsTheStateSmall() throws Exception {
    Path source = lake.resolve("gz");
    io.tributary.convert.S3dbSampleData sample = new io.tributary.convert.S3dbSampleData(source, 2, 1);
    sample.writeMetadata("caiso", "prices");
    Path dest = lake.resolve("monthly");
    loadConvertJob("monthly", "2020-01-01 00:00:00", dest, source,
        "format=parquet;compression=gz;layout=athena;partition_size=month;live=true");
    var input = Json.object();
    var objects = input.putObject("liveFill").putArray("monthly");
    for (int day = 0; day < 500; day++) {
      Path landed = sample.writeDay("caiso", "prices", java.time.Instant.parse("2018-01-01T00:00:00Z").plusSeconds(day * 86_400L));
      objects.add(landed.toUri().toString());
    }

    LocalStateMachine.Execution execution = orchestration.execute(input);

    System.out.printf("live-fill of 500 objects: execution input %,d bytes, largest state %,d bytes (%s)%n",
        input.toString().length(), execution.largestStateBytes(), execution.largestStateName());
    assertTrue(execution.largestStateBytes() < STATE_BUDGET_BYTES, execution.largestStateBytes() + " bytes");
    assertTrue(input.toString().length() > 40_000, "the objects alone are a large part of a state");
    assertTrue(execution.succeeded(), execution.toString());
    List<JobRun> runs = stores.history().runs("monthly");
    assertEquals(1, runs.size());
    assertEquals(500 * 48, runs.get(0).result().orElseThrow().rowsWritten(), "every object reached the step");
  }

  @Test
  void clusterCreationFailureRunsNothingAndNotifies() throws Exception {
    load("deposit");
    orchestration.emr().failCreations(true);

    LocalStateMachine.Execution execution = orchestration.execute(Json.object());

    assertEquals("Tributary.ClusterFailed", execution.error());
    assertEquals(List.of(), stores.history().runs("deposit"));
    assertEquals(WindowTime.parse("2018-11-01 00:00:00"), stores.configs().get("deposit").orElseThrow().window().start());
    assertEquals(1, orchestration.notifications().published().size());
    assertTrue(orchestration.notifications().published().get(0).message().contains("bootstrap action 1 failed"));
  }

  @Test
  void throttledClusterCreationIsRetriedThenRuns() throws Exception {
    load("deposit");
    orchestration.emr().throttleNextCreations(2);

    LocalStateMachine.Execution execution = orchestration.execute(Json.object());

    assertTrue(execution.succeeded(), execution.toString());
    assertEquals(3, orchestration.emr().createAttempts());
    assertEquals(9 + 12 + 2, execution.transitions(), "each retry of CreateCluster is a transition");
    assertEquals(1, orchestration.emr().terminated().size());
    assertEquals(2, stores.history().runs("deposit").size());
  }

  @Test
  void nothingDueSucceedsWithoutACluster() throws Exception {
    load("deposit");
    stores.configs().advance("deposit", stores.configs().get("deposit").orElseThrow().window(),
        new io.tributary.core.window.LoadWindow(WindowTime.parse("2018-11-05 00:00:00"),
            WindowTime.parse("2018-11-06 00:00:00")), stores.configs().get("deposit").orElseThrow().state());

    LocalStateMachine.Execution execution = orchestration.execute(Json.object());

    assertTrue(execution.succeeded());
    assertEquals(0, orchestration.emr().createAttempts());
    assertEquals(3, execution.transitions(), "PlanRun, AnythingDue, NothingDue");
  }

  @Test
  void overlappingExecutionsLoadEachWindowOnce() throws Exception {
    load("deposit", "loan");

    CompletableFuture<LocalStateMachine.Execution> first = CompletableFuture.supplyAsync(this::executeQuietly);
    CompletableFuture<LocalStateMachine.Execution> second = CompletableFuture.supplyAsync(this::executeQuietly);
    first.join();
    second.join();

    for (String job : List.of("deposit", "loan")) {
      List<JobRun> succeeded = stores.history().runs(job).stream().filter(r -> r.status() == RunStatus.SUCCEEDED).toList();
      assertEquals(2, succeeded.size(), job + " windows loaded: " + succeeded);
      assertEquals(2, succeeded.stream().map(JobRun::window).distinct().count(), "each window once");
      assertEquals(WindowTime.parse("2018-11-03 00:00:00"), stores.configs().get(job).orElseThrow().window().start());
    }
    assertEquals(0, orchestration.emr().running().size(), "both executions terminated their clusters");
  }

  private LocalStateMachine.Execution executeQuietly() {
    try {
      return orchestration.execute(Json.object());
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  void aWarehouseLoadJobLoadsTheDayPartitionsAConvertJobPublished() throws Exception {
    try (Connection connection = postgres.connect(); var statement = connection.createStatement()) {
      statement.execute("DROP SCHEMA IF EXISTS warehouse CASCADE");
    }
    Path source = lake.resolve("gz");
    io.tributary.convert.S3dbSampleData sample = new io.tributary.convert.S3dbSampleData(source, 2, 1);
    sample.writeMetadata("caiso", "prices");
    for (String day : List.of("2018-11-01", "2018-11-02")) {
      sample.writeDay("caiso", "prices", java.time.Instant.parse(day + "T00:00:00Z"));
    }
    Path config = java.nio.file.Files.writeString(lake.resolve("prices.yml"), "prices:\n  dest: prices\n  columns:\n"
        + "    - {dest: release_date, type: bigint}\n    - {dest: target_start, type: timestamp, notnull: true}\n"
        + "    - {dest: target_end, type: bigint}\n    - {dest: node_name, type: text}\n"
        + "    - {dest: lmp, type: float}\n    - {dest: is_settled, type: boolean}\n"
        + "  meta: {datadatecolumn: target_start, schema: warehouse}\n");
    Path dest = lake.resolve("parquet");
    stores.configs().load(JobTableParser.parse("test", "job_name|load_date|load_window_start|load_window_stop"
        + "|job_flow_id|job_status|output_dir|script_source|database_name|table_name|window_db_column"
        + "|partition_by_col|lower_bound|upper_bound|num_partitions|options\n"
        + "prices|-|2018-11-01 00:00:00|2018-11-02 00:00:00|-|PENDING|" + dest.toUri() + "|convert|-|-|-|-|-|-|-"
        + "|source=" + source.toUri() + ";format=parquet;compression=zst;layout=athena;partition_size=day;"
        + "datasets=caiso/prices\n"
        + "wh_prices|-|2018-11-01 00:00:00|2018-11-02 00:00:00|-|PENDING|" + dest.toUri() + "|warehouse-load"
        + "|-|-|-|-|-|-|-|schema=warehouse;tables=prices;source_job=prices;config=" + config.toUri()
        + ";secret_source=" + postgres.secrets() + "\n"));

    assertTrue(orchestration.execute(Json.object()).succeeded());
    LocalStateMachine.Execution second = orchestration.execute(Json.object());

    assertTrue(second.succeeded(), second.toString());
    List<JobRun> runs = stores.history().runs("wh_prices");
    assertEquals(2, runs.size(), runs.toString());
    assertTrue(runs.stream().allMatch(r -> r.result().orElseThrow().rowsWritten() == 48), runs.toString());
    try (Connection connection = postgres.connect(); var statement = connection.createStatement();
        var rows = statement.executeQuery("SELECT count(*), min(target_start)::text, max(target_start)::text"
            + " FROM warehouse.prices")) {
      rows.next();
      assertEquals(96, rows.getLong(1));
      assertEquals("2018-11-01 00:00:00", rows.getString(2));
      assertEquals("2018-11-02 23:00:00", rows.getString(3));
    }
  }

  @Test
  void aConvertJobRunsThroughTheSameStateMachineAndHistory() throws Exception {
    Path source = lake.resolve("gz");
    io.tributary.convert.S3dbSampleData sample = new io.tributary.convert.S3dbSampleData(source, 2, 1);
    sample.writeMetadata("caiso", "prices");
    for (String day : List.of("2018-11-01", "2018-11-02", "2018-11-03")) {
      sample.writeDay("caiso", "prices", java.time.Instant.parse(day + "T00:00:00Z"));
    }
    // One bad row in the first day: rejected, counted in the run record.
    java.nio.file.Path first = sample.dayFile("caiso", "prices", java.time.Instant.parse("2018-11-01T00:00:00Z"));
    String text = new String(new java.util.zip.GZIPInputStream(java.nio.file.Files.newInputStream(first)).readAllBytes(),
        java.nio.charset.StandardCharsets.UTF_8) + "1,2,3\n";
    try (var out = new java.util.zip.GZIPOutputStream(java.nio.file.Files.newOutputStream(first))) {
      out.write(text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }
    Path dest = lake.resolve("parquet");
    loadConvertJob("prices", "2018-11-01 00:00:00", dest, source,
        "format=parquet;compression=zst;layout=dataclient;partition_size=day");

    LocalStateMachine.Execution execution = orchestration.execute(Json.object());

    assertTrue(execution.succeeded(), execution.toString());
    List<JobRun> runs = stores.history().runs("prices");
    assertEquals(2, runs.size(), "the two closed days: " + runs);
    JobRun firstRun = runs.stream().filter(r -> r.window().start().equals(WindowTime.parse("2018-11-01 00:00:00")))
        .findFirst().orElseThrow();
    assertEquals(RunStatus.SUCCEEDED, firstRun.status());
    assertEquals(49, firstRun.result().orElseThrow().rowsRead());
    assertEquals(48, firstRun.result().orElseThrow().rowsWritten());
    assertEquals(1, firstRun.result().orElseThrow().rowsRejected());
    assertEquals(WindowTime.parse("2018-11-03 00:00:00"), stores.configs().get("prices").orElseThrow().window().start());
    assertTrue(java.nio.file.Files.exists(dest.resolve("caiso/prices/year=2018/1541030400.parquet.zst")));
    assertTrue(java.nio.file.Files.exists(dest.resolve("caiso/prices/year=2018/1541116800.parquet.zst")));
    assertFalse(java.nio.file.Files.exists(dest.resolve("caiso/prices/year=2018/1541203200.parquet.zst")),
        "the open window's day is not converted yet");
    assertTrue(java.nio.file.Files.exists(dest.resolve("_rejected/caiso/prices/day-1541030400.csv")));
    assertEquals(List.of("j-LOCAL1"), orchestration.emr().terminated());
  }

  @Test
  void aLiveFillExecutionRewritesOnlyTheChangedMonthAndKeepsTheJobsWindow() throws Exception {
    Path source = lake.resolve("gz");
    io.tributary.convert.S3dbSampleData sample = new io.tributary.convert.S3dbSampleData(source, 2, 1);
    sample.writeMetadata("caiso", "prices");
    sample.writeDay("caiso", "prices", java.time.Instant.parse("2018-09-03T00:00:00Z"));
    sample.writeDay("caiso", "prices", java.time.Instant.parse("2018-10-05T00:00:00Z"));
    Path dest = lake.resolve("monthly");
    loadConvertJob("monthly", "2018-11-05 00:00:00", dest, source,
        "format=parquet;compression=gz;layout=athena;partition_size=month;live=true");
    Path september = dest.resolve("caiso/prices/year=2018/month=09/part-1535760000.parquet");
    Path october = dest.resolve("caiso/prices/year=2018/month=10/part-1538352000.parquet");

    Path landed = sample.writeDay("caiso", "prices", java.time.Instant.parse("2018-10-06T00:00:00Z"));
    var input = Json.object();
    input.putObject("liveFill").putArray("monthly").add(landed.toUri().toString());
    LocalStateMachine.Execution execution = orchestration.execute(input);

    assertTrue(execution.succeeded(), execution.toString());
    assertTrue(java.nio.file.Files.exists(october), "October rebuilt from both of its days");
    assertEquals(96, spark.read().parquet(october.toString()).count());
    assertFalse(java.nio.file.Files.exists(september), "September did not change, so it is not written");
    JobConfig job = stores.configs().get("monthly").orElseThrow();
    assertEquals(WindowTime.parse("2018-11-05 00:00:00"), job.window().start(), "a live-fill never moves the window");
    List<JobRun> runs = stores.history().runs("monthly");
    assertEquals(1, runs.size());
    assertEquals(RunStatus.SUCCEEDED, runs.get(0).status());
    assertEquals(WindowTime.parse("2018-10-06 00:00:00"), runs.get(0).window().start());
    assertEquals(96, runs.get(0).result().orElseThrow().rowsWritten());
  }

  @Test
  void aBackfillExecutionConvertsPastWindowsAgainWithoutDuplicatesOrMovingTheJob() throws Exception {
    Path source = lake.resolve("gz");
    io.tributary.convert.S3dbSampleData sample = new io.tributary.convert.S3dbSampleData(source, 2, 1);
    sample.writeMetadata("caiso", "prices");
    for (String day : List.of("2018-11-01", "2018-11-02")) {
      sample.writeDay("caiso", "prices", java.time.Instant.parse(day + "T00:00:00Z"));
    }
    Path dest = lake.resolve("arrow");
    loadConvertJob("prices", "2018-11-05 00:00:00", dest, source,
        "format=arrow;compression=zst;layout=dataclient;partition_size=hour");
    var input = Json.object();
    input.putArray("jobs").add("prices");
    input.putObject("backfill").put("from", "2018-11-01 00:00:00").put("to", "2018-11-03 00:00:00");

    for (int run = 1; run <= 2; run++) {
      LocalStateMachine.Execution execution = orchestration.execute(input);
      assertTrue(execution.succeeded(), execution.toString());
    }

    List<JobRun> runs = stores.history().runs("prices");
    assertEquals(4, runs.size(), "two windows, back-filled twice: " + runs);
    assertTrue(runs.stream().allMatch(r -> r.status() == RunStatus.SUCCEEDED));
    assertEquals(WindowTime.parse("2018-11-05 00:00:00"), stores.configs().get("prices").orElseThrow().window().start());
    try (var files = java.nio.file.Files.list(dest.resolve("caiso/prices/year=2018"))) {
      assertEquals(48, files.count(), "48 hour files, each once");
    }
  }
}
