package io.tributary.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import io.tributary.convert.S3dbSampleData;
import io.tributary.core.config.JobKind;
import io.tributary.core.run.StepDocument;
import io.tributary.orchestration.Json;
import io.tributary.orchestration.aws.AwsApiModel;
import io.tributary.spark.StepRun;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The local examples of docs/operations.md run as written, each a bin/tributary process (this JVM's classpath) in a
 * directory of its own: {@code live --watch} until stopped, {@code start-execution} against a local Step Functions
 * endpoint, both {@code warehouse-load} lines against PostgreSQL, and the {@code spark-submit} step document read
 * by the step's own reader.
 */
class GuideLocalExamplesTest {
  static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

  @TempDir Path dir;

  @Test
  void liveWatchesTheSourceAndPublishesTheDayOfANewFileUntilStopped() throws Exception {
    List<List<String>> examples = OperationsGuide.commands("## Convert S3DB data");
    List<String> live = examples.stream().filter(e -> e.get(0).equals("live")).findFirst().orElseThrow();
    Path source = dir.resolve(live.get(live.indexOf("--watch") + 1));
    S3dbSampleData sample = new S3dbSampleData(source, 2, 1);
    sample.writeMetadata("caiso", "prices");
    Path log = dir.resolve("live.log");
    Process process = CliProcess.start(dir, Map.of(), live, log);
    try {
      awaitLog(process, log, "watching ");
      sample.writeDay("caiso", "prices", Instant.parse("2020-03-01T00:00:00Z"));
      awaitLog(process, log, "rewrote ");
    } finally {
      process.destroy(); // as Ctrl-C: it runs until stopped
      process.waitFor();
    }
    Path dest = dir.resolve(live.get(live.indexOf("--dest") + 1));
    try (Stream<Path> files = Files.walk(dest)) {
      List<String> written = files.filter(Files::isRegularFile).map(f -> dest.relativize(f).toString())
          .filter(f -> !f.contains("_tributary")).toList();
      assertTrue(written.stream().anyMatch(f -> f.matches("caiso/prices/year=2020/month=03/day=01/[^/]+\\.parquet")),
          "the day's partition, published: " + written);
    }
  }

  @Test
  void startExecutionSendsTheStartExecutionItsApiTakesWithTheRunsInput() throws Exception {
    List<List<String>> examples = new ArrayList<>(OperationsGuide.commands("same goes through the state machine"));
    examples.addAll(OperationsGuide.commands("- **Manual**"));
    assertEquals(2, examples.size(), "the back-fill and the manual run: " + examples);
    List<JsonNode> requests = new ArrayList<>();
    List<String> targets = new ArrayList<>();
    HttpServer sfn = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    sfn.createContext("/", exchange -> {
      targets.add(exchange.getRequestHeaders().getFirst("X-Amz-Target"));
      JsonNode body = Json.MAPPER.readTree(exchange.getRequestBody().readAllBytes());
      requests.add(body);
      byte[] answer = Json.object().put("executionArn", body.path("stateMachineArn").asText()
          .replace(":stateMachine:", ":execution:") + ":" + body.path("name").asText())
          .put("startDate", 1.7647e9).toString().getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().add("Content-Type", "application/x-amz-json-1.0");
      exchange.sendResponseHeaders(200, answer.length);
      exchange.getResponseBody().write(answer);
      exchange.close();
    });
    sfn.start();
    try {
      Map<String, String> environment = Map.of("AWS_ENDPOINT_URL_SFN", "http://127.0.0.1:"
          + sfn.getAddress().getPort(), "AWS_ACCESS_KEY_ID", "AKIDEXAMPLE", "AWS_SECRET_ACCESS_KEY", "example");
      for (List<String> example : examples) {
        CliProcess.Result result = CliProcess.run(dir, environment, example);
        assertEquals(0, result.exit(), example + "\n" + result.output());
        assertTrue(result.output().contains("arn:aws:states:eu-west-1:111122223333:execution:IngestionStateMachine-"),
            "it prints the execution's ARN: " + result.output());
      }
    } finally {
      sfn.stop(0);
    }

    assertEquals(List.of("AWSStepFunctions.StartExecution", "AWSStepFunctions.StartExecution"), targets);
    AwsApiModel api = AwsApiModel.of("stepfunctions");
    for (JsonNode request : requests) {
      assertEquals(List.of(), api.problems(api.inputOf("StartExecution"), request, "StartExecution"));
    }
    assertEquals(Json.MAPPER.readTree("{\"trigger\":\"manual\",\"jobs\":[\"prices\"],\"backfill\":{\"from\":"
        + "\"2018-11-01 00:00:00\",\"to\":\"2018-11-02 00:00:00\"}}"), Json.MAPPER.readTree(requests.get(0)
        .path("input").asText()));
    assertEquals(Json.MAPPER.readTree("{\"trigger\":\"manual\",\"jobs\":[\"deposit\"]}"),
        Json.MAPPER.readTree(requests.get(1).path("input").asText()));
  }

  @Test
  void bothWarehouseLoadLinesLoadAnS3ToRedshiftInputWithTheConnectionExported() throws Exception {
    List<String> block = OperationsGuide.block("## Load the warehouse");
    List<String> exported = List.of(block.get(0).substring("export ".length()).split("\\s+"));
    List<List<String>> loads = OperationsGuide.commands("## Load the warehouse");
    assertEquals(2, loads.size(), block.toString());
    Path bucket = dir.resolve(loads.get(0).get(loads.get(0).indexOf("--bucket") + 1));
    input(bucket, "01", 1, 2);
    try (LocalPostgres postgres = LocalPostgres.start("dw", dir.resolve("pg"))) {
      // The exported names as written, their values this server's (the guide's are a placeholder's).
      Map<String, String> values = Map.of("WAREHOUSE_JDBC_URL", "jdbc:postgresql://localhost:" + postgres.port()
          + "/dw", "WAREHOUSE_USER", "postgres", "WAREHOUSE_PASSWORD", "postgres");
      Map<String, String> environment = new HashMap<>();
      for (String assignment : exported) {
        String name = assignment.substring(0, assignment.indexOf('='));
        assertTrue(values.containsKey(name), "the command reads " + values.keySet() + ", the guide exports " + name);
        environment.put(name, values.get(name));
      }
      assertEquals(values.keySet(), environment.keySet());

      CliProcess.Result first = CliProcess.run(dir, environment, loads.get(0));
      input(bucket, "02", 3, 3); // the next day's input: the latest, loaded by the first line
      CliProcess.Result newer = CliProcess.run(dir, environment, loads.get(0));
      CliProcess.Result forced = CliProcess.run(dir, environment, loads.get(1));

      assertEquals(0, first.exit(), first.output());
      assertTrue(first.output().matches("(?s).*\napi\\.pages [^\n]* 2015-07-01 +CREATED [^\n]*\n.*"), first.output());
      assertTrue(newer.output().matches("(?s).*\napi\\.pages [^\n]* 2015-07-02 +[A-Z]+ [^\n]*\n.*"), newer.output());
      assertEquals(0, forced.exit(), forced.output());
      assertTrue(forced.output().matches("(?s).*\napi\\.pages [^\n]* 2015-07-01 +FORCED [^\n]*\n.*"),
          "--date loads the older input, --force over the newer data: " + forced.output());
      try (Connection connection = postgres.connect(); ResultSet rows = connection.createStatement()
          .executeQuery("SELECT string_agg(id::text, ',' ORDER BY id) FROM api.pages")) {
        rows.next();
        assertEquals("1,2,3", rows.getString(1), "the forced load replaced 2015-07-01's rows, 2015-07-02's stay: "
            + newer.output() + forced.output());
      }
    }
  }

  @Test
  void theSparkSubmitStepDocumentIsOneTheEntryPointReads() throws Exception {
    String submit = OperationsGuide.block("## Run one window with spark-submit").stream()
        .filter(l -> l.startsWith("spark-submit ")).findFirst().orElseThrow();
    List<String> words = AwsCliLine.words(submit);
    String entryPoint = words.get(words.indexOf("--class") + 1);
    String jar = words.get(words.indexOf("--class") + 2);
    String[] stepArgs = words.subList(words.indexOf("--class") + 3, words.size()).toArray(String[]::new);
    JobKind kind = JobKind.fromEntryPoint(entryPoint).orElseThrow(() -> new AssertionError(entryPoint
        + " is no kind's entry point"));
    Class.forName(entryPoint).getMethod("main", String[].class);
    try (Stream<Path> built = Files.list(ROOT.resolve("spark-jobs/target"))) {
      String name = jar.substring(jar.lastIndexOf('/') + 1);
      assertTrue(built.anyMatch(f -> f.getFileName().toString().equals(name)), "the build makes " + name);
    }

    StepDocument step = StepRun.read(kind, stepArgs, uri -> {
      throw new AssertionError("the document is given whole, nothing to read: " + uri);
    });

    assertEquals(JobKind.JDBC_INGEST, kind);
    assertEquals("deposit", step.job().name());
    assertEquals("manual-deposit-20181101", step.runId());
    assertEquals("s3://my-bucket/runs/deposit-20181101.json", step.recordFile().orElseThrow());
    assertEquals(Instant.parse("2018-11-01T00:00:00Z"), step.window().start());
    assertEquals(Map.of("codec", "snappy"), step.settings());
  }

  /** An s3-to-redshift input of api.pages for 2015-07-{@code day} below {@code bucket}: ids {@code from..to}. */
  private static void input(Path bucket, String day, int from, int to) throws Exception {
    String stamp = "2015-07-" + day + "T00:00:00Z";
    Path folder = Files.createDirectories(bucket.resolve("api/pages/_data_timestamp_year=2015/_data_timestamp_month=07"
        + "/_data_timestamp_day=" + day));
    StringBuilder rows = new StringBuilder();
    for (int id = from; id <= to; id++) {
      rows.append("{\"day\":\"2015-07-").append(day).append("T1").append(id).append(":00:00Z\",\"id\":").append(id)
          .append("}\n");
    }
    Files.writeString(folder.resolve("api_pages_" + stamp + ".json"), rows);
    Files.writeString(folder.resolve("config_api_pages_" + stamp + ".yml"), "pages:\n  dest: pages\n  columns:\n"
        + "    - {dest: day, type: timestamp, notnull: true}\n    - {dest: id, type: bigint, primarykey: true}\n"
        + "  meta: {datadatecolumn: day, schema: api}\n");
  }

  private static void awaitLog(Process process, Path log, String text) throws Exception {
    Instant deadline = Instant.now().plus(Duration.ofSeconds(120));
    while (Instant.now().isBefore(deadline)) {
      if (Files.exists(log) && Files.readString(log).contains(text)) {
        return;
      }
      assertTrue(process.isAlive(), "live ended early: " + Files.readString(log));
      Thread.sleep(200);
    }
    throw new AssertionError("no '" + text + "' in 120 s: " + Files.readString(log));
  }
}
