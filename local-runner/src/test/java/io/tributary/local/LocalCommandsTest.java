package io.tributary.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tributary.orchestration.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.sfn.model.StartExecutionRequest;

/** plan, run, history and backfill as a user types them, on embedded PostgreSQL and local state. */
class LocalCommandsTest {
  static LocalPostgres postgres;
  @TempDir static Path dir;
  static Path config;
  static Path state;


  @BeforeAll
  static void start() throws Exception {
    System.setProperty("spark.master", "local[2]");
    System.setProperty("tributary.home", Path.of("..").toAbsolutePath().normalize().toString());
    postgres = LocalPostgres.start("sales", dir.resolve("pg"));
    try (Connection connection = postgres.connect()) {
      SampleTables.create(connection, 3_000, 3);
    }
    config = Files.writeString(dir.resolve("config.txt"), "job_name|load_date|load_window_start|load_window_stop"
        + "|job_flow_id|job_status|output_dir|script_source|database_name|table_name|window_db_column"
        + "|partition_by_col|lower_bound|upper_bound|num_partitions\n"
        + "deposit|-|2018-11-02 00:00:00|2018-11-03 00:00:00|-|PENDING|" + dir.resolve("lake").toUri()
        + "|jdbc-ingest|sales|deposits|shipmt_date_tstmp|quarter|1|1000|2\n");
    state = dir.resolve("state");
  }

  @AfterAll
  static void stop() throws Exception {
    postgres.close();
  }

  String secrets() {
    return postgres.secrets().toString();
  }

  @Test
  void planNamesTheCurrentStatesKeyAndRefusesATableWithoutOne() throws Exception {
    try (Connection connection = postgres.connect()) {
      connection.createStatement().execute("CREATE TABLE IF NOT EXISTS keyless AS SELECT * FROM deposits LIMIT 10");
    }
    String header = "job_name|load_date|load_window_start|load_window_stop|job_flow_id|job_status|output_dir"
        + "|script_source|database_name|table_name|window_db_column|partition_by_col|lower_bound|upper_bound"
        + "|num_partitions|options\n";
    String row = "|-|2018-11-02 00:00:00|2018-11-03 00:00:00|-|PENDING|" + dir.resolve("lake").toUri()
        + "|jdbc-ingest|sales|%s|shipmt_date_tstmp|quarter|1|1000|2|current_state=true;deletes=soft\n";
    Path keyed = Files.writeString(dir.resolve("state-config.txt"), header + "deposit" + row.formatted("deposits"));
    Path keyless = Files.writeString(dir.resolve("keyless-config.txt"), header + "nokey" + row.formatted("keyless"));

    CliRun plan = CliRun.of("plan", "--config", keyed.toString(), "--secret-source", secrets(), "--now",
        "2018-11-03 00:00:00", "--state", dir.resolve("plan-state").toString());
    CliRun refused = CliRun.of("plan", "--config", keyless.toString(), "--secret-source", secrets(), "--now",
        "2018-11-03 00:00:00", "--state", dir.resolve("plan-state").toString());

    assertEquals(0, plan.exit(), plan.err());
    assertTrue(plan.out().matches("(?s).*\n  after each window: merged into the current state file:\\S*/lake/sales"
        + "/deposits/current, keyed by \\[id], newest by shipmt_date_tstmp\n  every 1 run\\(s\\): keys gone from the"
        + " source marked _deleted .*"), plan.out());
    assertEquals(2, refused.exit(), refused.out());
    assertTrue(refused.err().contains("table keyless has no primary key, and current_state needs one"),
        refused.err());
  }

  @Test
  void planRunHistoryAndBackfillWorkTogether() {
    CliRun plan = CliRun.of("plan", "--config", config.toString(), "--secret-source", secrets(), "--now", "2018-11-04 00:00:00",
        "--state", state.toString());
    assertEquals(0, plan.exit(), plan.err());
    assertTrue(plan.out().contains("deposit (PENDING, deposits): 2 due windows"), plan.out());
    assertTrue(plan.out().contains("COPY (SELECT \"id\", \"shipmt_date_tstmp\""), plan.out());
    assertTrue(plan.out().contains("WHERE \"shipmt_date_tstmp\" >= '2018-11-02 00:00:00.000000+00'::timestamptz"), plan.out());
    // Indexed: the two partitions are the window's halves, each read through the index.
    assertTrue(plan.out().contains("2 partitions, each a range of the window (found through its index)"), plan.out());
    assertTrue(plan.out().contains("\"shipmt_date_tstmp\" >= '2018-11-02 12:00:00.000000+00'::timestamptz AND"
        + " \"shipmt_date_tstmp\" < '2018-11-03 00:00:00.000000+00'::timestamptz) TO STDOUT (FORMAT binary);"), plan.out());
    assertTrue(plan.out().contains("/sales/deposits/original/incremental/load_date=2018-11-03"), plan.out());
    assertFalse(plan.out().contains("warning:"), "deposits is indexed on its window column: " + plan.out());
    assertFalse(Files.exists(state), "plan --config changes nothing");

    java.io.PrintStream console = System.out;
    java.io.ByteArrayOutputStream printed = new java.io.ByteArrayOutputStream();
    System.setOut(new java.io.PrintStream(printed, true));
    CliRun first;
    try {
      first = CliRun.of("run", "--config", config.toString(), "--secret-source", secrets(), "--now",
          "2018-11-04 00:00:00", "--state", state.toString());
    } finally {
      System.setOut(console);
    }
    assertEquals(0, first.exit(), first.out() + first.err());
    List<String> deposits = first.out().lines().filter(l -> l.startsWith("deposit") && l.contains("SUCCEEDED")).toList();
    assertEquals(2, deposits.size(), first.out());
    assertTrue(deposits.get(0).contains("[2018-11-02 00:00:00") && deposits.get(1).contains("[2018-11-03 00:00:00"),
        "oldest first, as demo: " + deposits);
    assertFalse(printed.toString().contains("TRIBUTARY_RUN_RECORD"), "machine lines stay in the step logs: " + printed);
    assertTrue(first.err().contains("progress: windows 2/2, "), "windows done of total: " + first.err());
    assertTrue(first.out().contains("Step output: " + state.toAbsolutePath().resolve("runs/steps")), first.out());

    CliRun history = CliRun.of("history", "--job", "deposit", "--state", state.toString());
    assertEquals(0, history.exit(), history.err());
    assertTrue(history.out().contains("deposit: window [2018-11-04 00:00:00, 2018-11-05 00:00:00), status SUCCEEDED, 2 runs"),
        history.out());

    CliRun again = CliRun.of("run", "--secret-source", secrets(), "--now", "2018-11-04 00:00:00", "--state", state.toString());
    assertEquals(0, again.exit(), again.err());
    assertTrue(again.out().contains("(no windows were due)"), "state persisted between commands: " + again.out());

    CliRun refused = CliRun.of("backfill", "--job", "deposit", "--from", "2018-11-03", "--to", "2018-11-05",
        "--secret-source", secrets(), "--state", state.toString());
    assertEquals(2, refused.exit());
    assertTrue(refused.err().contains("past the job's live window"), refused.err());

    CliRun backfill = CliRun.of("backfill", "--job", "deposit", "--from", "2018-11-01", "--to", "2018-11-03",
        "--secret-source", secrets(), "--state", state.toString());
    assertEquals(0, backfill.exit(), backfill.out() + backfill.err());
    assertEquals(2, backfill.out().lines().filter(l -> l.contains("SUCCEEDED 1000 rows")).count(), backfill.out());
    assertTrue(backfill.err().contains("progress: windows 2/2, "), backfill.err());
    assertTrue(backfill.out().contains("deposit: live window still [2018-11-04 00:00:00, 2018-11-05 00:00:00)"));
    CliRun after = CliRun.of("history", "--job", "deposit", "--state", state.toString());
    assertTrue(after.out().contains("status SUCCEEDED, 4 runs"), after.out());

    try (LocalStores held = LocalStores.start(java.util.Optional.of(state.toAbsolutePath()))) {
      CliRun second = CliRun.of("run", "--secret-source", secrets(), "--state", state.toString());
      assertEquals(1, second.exit(), second.out() + second.err());
      assertTrue(second.err().contains("is in use by pid " + ProcessHandle.current().pid()), second.err());
      assertEquals(1, second.err().lines().count(), "one line, no trace: " + second.err());
    }
  }

  @Test
  void planWarnsWhenTheWindowColumnHasNoIndex() throws Exception {
    try (Connection connection = postgres.connect(); var statement = connection.createStatement()) {
      statement.execute("DROP TABLE IF EXISTS unindexed; CREATE TABLE unindexed AS SELECT * FROM deposits");
    }
    Path unindexed = Files.writeString(dir.resolve("unindexed.txt"), Files.readString(config)
        .replace("|deposits|", "|unindexed|"));
    CliRun plan = CliRun.of("plan", "--config", unindexed.toString(), "--secret-source", secrets(), "--now",
        "2018-11-03 00:00:00", "--state", dir.resolve("unused-state").toString());
    assertEquals(0, plan.exit(), plan.err());
    CliRun alone = CliRun.of("plan", "--lake-root", dir.toString(), "--state", dir.resolve("unused-state").toString());
    assertEquals(2, alone.exit());
    assertTrue(alone.err().contains("--lake-root maps the S3 locations of the job table --config loads"), alone.err());
    assertTrue(plan.out().contains("warning: unindexed has no index on shipmt_date_tstmp: every window reads the"
        + " whole table (CREATE INDEX ON \"unindexed\" (\"shipmt_date_tstmp\"))"), plan.out());
    assertTrue(plan.out().contains("2 partitions, each a stride of quarter filtering the whole window"), plan.out());
    assertTrue(plan.out().contains("AND (\"quarter\" >= 501)) TO STDOUT (FORMAT binary);"), plan.out());
  }

  @Test
  void startExecutionRequestCarriesTheMachineTheNameAndTheJobs() throws Exception {
    String arn = "arn:aws:states:us-west-2:123456789012:stateMachine:IngestionStateMachine-abc";

    StartExecutionRequest request = StartExecutionCommand.request(arn, List.of("deposit", "loan"), "manual-1");

    assertEquals(arn, request.stateMachineArn());
    assertEquals("manual-1", request.name());
    assertEquals(Json.MAPPER.readTree("{\"trigger\":\"manual\",\"jobs\":[\"deposit\",\"loan\"]}"),
        Json.MAPPER.readTree(request.input()));
    assertThrows(IllegalArgumentException.class, () -> StartExecutionCommand.request("arn:nope", List.of(), "n"));

    StartExecutionRequest backfill = StartExecutionCommand.request(arn, List.of("prices"), "backfill-1",
        java.util.Optional.of(new io.tributary.core.window.LoadWindow(java.time.Instant.parse("2020-01-01T00:00:00Z"),
            java.time.Instant.parse("2020-02-01T00:00:00Z"))));
    assertEquals(Json.MAPPER.readTree("{\"trigger\":\"manual\",\"jobs\":[\"prices\"],"
        + "\"backfill\":{\"from\":\"2020-01-01 00:00:00\",\"to\":\"2020-02-01 00:00:00\"}}"),
        Json.MAPPER.readTree(backfill.input()));
  }

  @Test
  void everyCommandHasHelp() {
    for (String command : new String[] {"validate", "plan", "run", "backfill", "history", "start-execution", "demo"}) {
      CliRun result = CliRun.of(command, "--help");
      assertEquals(0, result.exit(), command);
      assertTrue(result.out().contains("Usage: tributary " + command), result.out());
    }
  }
}
