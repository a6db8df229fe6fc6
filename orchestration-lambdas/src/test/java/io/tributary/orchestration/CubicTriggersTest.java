package io.tributary.orchestration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.tributary.core.config.JobTableParser;
import io.tributary.core.kind.cubic.CubicLoad;
import io.tributary.core.kind.cubic.IncomingObject;
import io.tributary.core.kind.cubic.LoadStatus;
import io.tributary.core.run.RunPlan;
import io.tributary.core.run.RunPlanner;
import io.tributary.core.testing.InMemoryCubicRegistry;
import io.tributary.core.testing.InMemoryStores;
import io.tributary.core.window.LoadWindow;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The Cubic triggers: S3 events register loads at once and start one batch; Kinesis batches become JSON lines. */
@Tag("fast")
class CubicTriggersTest {
  static final String TABLE = "job_name|load_date|load_window_start|load_window_stop|job_flow_id|job_status"
      + "|output_dir|script_source|database_name|table_name|window_db_column|partition_by_col|lower_bound"
      + "|upper_bound|num_partitions|options\n"
      + "cubic|-|2026-11-24 00:00:00|2026-11-25 00:00:00|-|PENDING|s3://lake/CUBIC|cubic-ingest|-|-|-|-|-|-|-"
      + "|incoming=s3://incoming/vendor;springboard=s3://lake/springboard;archive=s3://archive;error=s3://error;tables=*\n";
  static final Instant NOW = Instant.parse("2026-11-24T10:00:00Z");

  final InMemoryCubicRegistry registry = new InMemoryCubicRegistry();
  final Map<String, IncomingObject> bucket = new HashMap<>();
  final RecordingExecutions executions = new RecordingExecutions();
  final List<String> running = executions.running;
  final List<ExecutionRequest> started = executions.started;
  InMemoryStores stores;
  CubicIncomingHandler handler;

  @BeforeEach
  void setUp() {
    stores = new InMemoryStores();
    stores.configs().load(JobTableParser.parse("config.txt", TABLE));
    handler = new CubicIncomingHandler(stores.configs(), registry, (b, key) -> b.equals("incoming")
        ? Optional.ofNullable(bucket.get(key)) : Optional.empty(), executions, Clock.fixed(NOW, ZoneOffset.UTC));
  }

  static JsonNode sqsBatch(String... keys) throws Exception {
    StringBuilder records = new StringBuilder();
    for (String key : keys) {
      String body = "{\"Records\":[{\"s3\":{\"bucket\":{\"name\":\"incoming\"},\"object\":{\"key\":\"" + key + "\"}}}]}";
      records.append(records.isEmpty() ? "" : ",").append("{\"body\":").append(Json.MAPPER.writeValueAsString(body))
          .append('}');
    }
    return Json.MAPPER.readTree("{\"Records\":[" + records + "]}");
  }

  void put(String key, Instant lastModified, long size) {
    bucket.put(key, new IncomingObject(key, lastModified, size));
  }

  @Test
  void anEventRegistersItsObjectWithItsLastModifiedAndStartsOneBatch() throws Exception {
    put("vendor/cubic/ods_qlik/EDW.SAMPLE/LOAD00000001.csv.gz", NOW.minusSeconds(30), 100);
    put("vendor/cubic/ods_qlik/EDW.SAMPLE/LOAD00000001.dfm", NOW.minusSeconds(29), 10);
    put("vendor/cubic/dmap/agg_sample/20261124.csv", NOW.minusSeconds(5), 10);

    JsonNode out = handler.invoke(sqsBatch("vendor/cubic/ods_qlik/EDW.SAMPLE/LOAD00000001.dfm",
        "vendor/cubic/dmap/agg_sample/20261124.csv", "vendor/other/x.csv"));

    assertEquals(2, out.get("registered").asInt());
    List<CubicLoad> loads = registry.loads(Optional.of(LoadStatus.READY), Optional.empty());
    assertEquals(List.of("cubic/ods_qlik/EDW.SAMPLE/LOAD00000001.csv.gz@" + NOW.minusSeconds(30).toEpochMilli(),
        "cubic/dmap/agg_sample/20261124.csv@" + NOW.minusSeconds(5).toEpochMilli()),
        loads.stream().map(CubicLoad::id).toList(), "keys relative to the incoming root, S3's last-modified");
    assertEquals(1, started.size());
    assertTrue(started.get(0).name().startsWith("cubic-" + NOW.getEpochSecond() + "-"));
    assertEquals("{\"trigger\":\"cubic-incoming\",\"triggered\":[\"cubic\"]}", started.get(0).input());

    JsonNode again = handler.invoke(sqsBatch("vendor/cubic/dmap/agg_sample/20261124.csv"));
    assertEquals(0, again.get("registered").asInt(), "a redelivered event registers nothing twice");
    assertFalse(again.get("started").asBoolean());
  }

  @Test
  void aBatchWaitsWhileAnotherCubicBatchRunsButItsLoadsStayRegistered() throws Exception {
    put("vendor/cubic/kafka/sample/a.json", NOW.minusSeconds(5), 10);
    running.add("cubic-1-abc");
    assertThrows(IllegalStateException.class, () -> handler.invoke(sqsBatch("vendor/cubic/kafka/sample/a.json")));
    assertEquals(1, registry.loads(Optional.of(LoadStatus.READY), Optional.empty()).size());
    assertTrue(started.isEmpty());
  }

  @Test
  void aCubicBatchRunsTheJobOnceAsAReRunOfTheWindowBeforeItsLiveOne() {
    RunPlan plan = new RunPlanner(stores.configs(), Clock.fixed(NOW, ZoneOffset.UTC), 10).planTriggered("r", Set.of("cubic"));
    assertEquals(1, plan.jobs().size());
    RunPlan.PlannedJob job = plan.jobs().get(0);
    assertEquals(List.of(new LoadWindow(Instant.parse("2026-11-23T00:00:00Z"), Instant.parse("2026-11-24T00:00:00Z"))),
        job.windows());
    assertTrue(job.keepsJobWindow(), "the job's window does not move");
  }

  @Test
  void aKinesisBatchBecomesOneJsonLinesObjectAndARetryOverwritesIt() throws Exception {
    Map<String, String> objects = new LinkedHashMap<>();
    KafkaBatchHandler kafka = new KafkaBatchHandler((key, content) ->
        objects.put(key, new String(content, StandardCharsets.UTF_8)), "vendor/");
    String arn = "arn:aws:kinesis:us-east-1:123456789012:stream/Cubic-Sample";
    JsonNode event = Json.MAPPER.readTree("{\"Records\":["
        + kinesis(arn, "shardId-000:1", "{\"id\": 1,\n \"kind\": \"tap\"}") + ","
        + kinesis(arn, "shardId-000:2", "not json") + ","
        + kinesis(arn, "shardId-000:3", "{\"id\":2}") + "]}");

    JsonNode out = kafka.invoke(event);
    kafka.invoke(event);

    assertEquals(2, out.get("records").asInt());
    assertEquals(1, out.get("rejected").asInt());
    String key = out.get("key").asText();
    assertTrue(key.matches("vendor/cubic/kafka/cubic_sample/[0-9a-f-]{36}\\.json"), key);
    assertEquals(2, objects.size(), "the retry wrote the same two objects: " + objects.keySet());
    assertEquals("{\"id\":1,\"kind\":\"tap\"}\n{\"id\":2}\n", objects.get(key));
    assertEquals("not json\n", objects.get(out.get("rejectedKey").asText()));
    assertTrue(out.get("rejectedKey").asText().contains("/_rejected/"));
  }

  private static String kinesis(String arn, String id, String data) {
    return "{\"eventSourceARN\":\"" + arn + "\",\"eventID\":\"" + id + "\",\"kinesis\":{\"data\":\""
        + Base64.getEncoder().encodeToString(data.getBytes(StandardCharsets.UTF_8)) + "\"}}";
  }
}
