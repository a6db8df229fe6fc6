package io.tributary.orchestration.lambda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.tributary.core.config.JobConfig;
import io.tributary.core.config.JobTableParser;
import io.tributary.orchestration.Json;
import io.tributary.orchestration.LiveFillExecution;
import io.tributary.orchestration.SqsBatch;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sfn.model.StartExecutionRequest;

/** The execution a batch of S3 events starts, field by field (no AWS here: the request is what is tested). */
@Tag("fast")
class LiveFillExecutionTest {
  private static final String ARN = "arn:aws:states:eu-west-1:123456789012:stateMachine:tributary";
  private static final List<JobConfig> JOBS = JobTableParser.parse("config.txt", String.join("\n",
      "job_name|load_date|load_window_start|load_window_stop|job_flow_id|job_status|output_dir|script_source"
          + "|database_name|table_name|window_db_column|partition_by_col|lower_bound|upper_bound|num_partitions|options",
      "prices_day|-|2020-01-01 00:00:00|2020-01-02 00:00:00|-|PENDING|s3://out/day|convert|-|-|-|-|-|-|-"
          + "|source=s3://feeds/gz;format=parquet;compression=zst;layout=athena;partition_size=day;live=true",
      "prices_year|-|2020-01-01 00:00:00|2020-01-02 00:00:00|-|PENDING|s3://out/year|convert|-|-|-|-|-|-|-"
          + "|source=s3://feeds/gz;format=arrow;compression=lz4;layout=dataclient;partition_size=year;"
          + "datasets=caiso/prices;live=true",
      "not_live|-|2020-01-01 00:00:00|2020-01-02 00:00:00|-|PENDING|s3://out/other|convert|-|-|-|-|-|-|-"
          + "|source=s3://feeds/gz;format=parquet;compression=gz;layout=athena;partition_size=month",
      "deposit|-|2018-11-01 00:00:00|2018-11-02 00:00:00|-|PENDING|s3://lake/RAW|jdbc-ingest|sales|deposits"
          + "|shipmt_date_tstmp|quarter|1|1000|4|-"));

  private static String s3Record(String bucket, String key) {
    return "{\"eventName\":\"ObjectCreated:Put\",\"s3\":{\"bucket\":{\"name\":\"" + bucket
        + "\"},\"object\":{\"key\":\"" + key + "\"}}}";
  }

  private static String sqsRecord(String s3Event) {
    return "{\"messageId\":\"m\",\"body\":" + Json.MAPPER.valueToTree(s3Event) + "}";
  }

  @Test
  void aBatchOfEventsStartsOneExecutionWithEachLiveJobsObjects() throws Exception {
    String batch = "{\"Records\":[" + String.join(",",
        sqsRecord("{\"Records\":[" + s3Record("feeds", "gz/caiso/prices/year%3D2020/1577836800.csv.gz") + ","
            + s3Record("feeds", "gz/ercot/load/year%3D2020/1577923200.csv.gz") + "]}"),
        sqsRecord("{\"Service\":\"Amazon S3\",\"Event\":\"s3:TestEvent\"}"),
        sqsRecord("{\"Records\":[" + s3Record("feeds", "gz/caiso/prices/METADATA.json") + ","
            + s3Record("elsewhere", "gz/caiso/prices/year%3D2020/1577836800.csv.gz") + "]}")) + "]}";

    List<String> objects = SqsBatch.of(Json.MAPPER.readTree(batch)).objects();
    assertEquals(List.of("s3://feeds/gz/caiso/prices/year=2020/1577836800.csv.gz",
        "s3://feeds/gz/ercot/load/year=2020/1577923200.csv.gz", "s3://feeds/gz/caiso/prices/METADATA.json",
        "s3://elsewhere/gz/caiso/prices/year=2020/1577836800.csv.gz"), objects);

    StartExecutionRequest request = SfnExecutions.startRequest(ARN,
        LiveFillExecution.request(objects, JOBS, Instant.ofEpochSecond(1_700_000_000)).orElseThrow());
    assertEquals(ARN, request.stateMachineArn());
    assertTrue(request.name().matches("live-1700000000-[0-9a-f]+"), request.name());
    JsonNode input = Json.MAPPER.readTree(request.input());
    assertEquals("live-fill", input.get("trigger").asText());
    assertEquals("{\"prices_day\":[\"s3://feeds/gz/caiso/prices/year=2020/1577836800.csv.gz\","
        + "\"s3://feeds/gz/ercot/load/year=2020/1577923200.csv.gz\"],"
        + "\"prices_year\":[\"s3://feeds/gz/caiso/prices/year=2020/1577836800.csv.gz\"]}",
        input.get("liveFill").toString(), "live jobs only, their datasets only, day files below their source only");
  }

  @Test
  void eventsNoLiveJobTakesStartNothing() throws Exception {
    assertTrue(LiveFillExecution.request(List.of("s3://feeds/gz/caiso/prices/notes.txt"), JOBS, Instant.now())
        .isEmpty());
  }

  @Test
  void aBatchWaitsWhileAnotherLiveFillRuns() {
    assertEquals(java.util.Optional.of("live-1700000000-abc"),
        LiveFillExecution.running(List.of("manual-1", "live-1700000000-abc")));
    assertTrue(LiveFillExecution.running(List.of("manual-1", "schedule-7")).isEmpty());
  }
}
