package io.tributary.orchestration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.tributary.core.config.JobTableParser;
import io.tributary.core.testing.InMemoryStores;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The live-fill trigger over the job table: one execution per batch, none while another live-fill runs. */
@Tag("fast")
class LiveFillHandlerTest {
  static final String TABLE = "job_name|load_date|load_window_start|load_window_stop|job_flow_id|job_status"
      + "|output_dir|script_source|database_name|table_name|window_db_column|partition_by_col|lower_bound"
      + "|upper_bound|num_partitions|options\n"
      + "prices|-|2020-01-01 00:00:00|2020-01-02 00:00:00|-|PENDING|s3://out/day|convert|-|-|-|-|-|-|-"
      + "|source=s3://feeds/gz;format=parquet;compression=zst;layout=athena;partition_size=day;live=true\n";
  static final String EVENT = "{\"Records\":[{\"s3\":{\"bucket\":{\"name\":\"feeds\"},"
      + "\"object\":{\"key\":\"gz/caiso/prices/year%3D2020/1577836800.csv.gz\"}}}]}";

  final RecordingExecutions executions = new RecordingExecutions();
  final List<String> running = executions.running;
  final List<LiveFillHandler.ExecutionRequest> started = executions.started;
  LiveFillHandler handler;

  @BeforeEach
  void setUp() {
    InMemoryStores stores = new InMemoryStores();
    stores.configs().load(JobTableParser.parse("config.txt", TABLE));
    handler = new LiveFillHandler(stores.configs(), executions,
        Clock.fixed(Instant.ofEpochSecond(1_700_000_000), ZoneOffset.UTC));
  }

  @Test
  void aBatchForALiveJobStartsOneExecution() throws Exception {
    JsonNode out = handler.invoke(Json.MAPPER.readTree(EVENT));

    assertTrue(out.get("started").asBoolean());
    assertEquals(1, started.size());
    assertTrue(out.get("executionArn").asText().endsWith(started.get(0).name()));
    assertEquals("[\"s3://feeds/gz/caiso/prices/year=2020/1577836800.csv.gz\"]",
        Json.MAPPER.readTree(started.get(0).input()).path("liveFill").path("prices").toString());
  }

  @Test
  void aMessageThatIsNoS3NotificationIsReportedAloneAndTheRestOfItsBatchRuns() throws Exception {
    String batch = "{\"Records\":[{\"messageId\":\"good\",\"body\":" + Json.MAPPER.valueToTree(EVENT) + "},"
        + "{\"messageId\":\"not-json\",\"body\":\"hello\"},"
        + "{\"messageId\":\"no-records\",\"body\":\"{\\\"Message\\\":1}\"}]}";

    JsonNode out = handler.invoke(Json.MAPPER.readTree(batch));

    assertEquals("[{\"itemIdentifier\":\"not-json\"},{\"itemIdentifier\":\"no-records\"}]",
        out.get("batchItemFailures").toString());
    assertTrue(out.get("rejected").get(1).get("reason").asText().contains("not an S3 event notification"));
    assertEquals(1, started.size(), "the good message's object is live-filled");
  }

  @Test
  void aBatchArrivingDuringALiveFillFailsSoTheQueueRetriesIt() {
    running.add("live-1699999999-abc");

    IllegalStateException busy = assertThrows(IllegalStateException.class,
        () -> handler.invoke(Json.MAPPER.readTree(EVENT)));

    assertTrue(busy.getMessage().contains("live-1699999999-abc"));
    assertTrue(started.isEmpty());
  }

  @Test
  void objectsNoLiveJobTakesStartNothing() throws Exception {
    JsonNode out = handler.invoke(Json.MAPPER.readTree(EVENT.replace("feeds", "elsewhere")));

    assertFalse(out.get("started").asBoolean());
    assertTrue(started.isEmpty());
  }
}
