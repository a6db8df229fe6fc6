package io.tributary.orchestration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tributary.core.history.NoSuchObjectException;
import com.fasterxml.jackson.databind.JsonNode;
import io.tributary.core.config.InvalidJobTableException;
import io.tributary.core.testing.HistoryStoreContract;
import io.tributary.core.testing.InMemoryStores;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Config sync: uploads and the stack's custom resource load config.txt; a bad file changes nothing and alerts. */
@Tag("fast")
class ConfigSyncHandlerTest {
  static final String CONFIG = "s3://data/tributary/config.txt";

  final Map<String, String> bucket = new HashMap<>();
  final List<String> alerts = new ArrayList<>();
  final List<JsonNode> responses = new ArrayList<>();
  InMemoryStores stores;
  ConfigSyncHandler handler;

  @BeforeEach
  void setUp() {
    stores = new InMemoryStores();
    handler = new ConfigSyncHandler(stores.configs(), uri -> {
      if (!bucket.containsKey(uri)) {
        throw new NoSuchObjectException(uri, null);
      }
      return bucket.get(uri);
    }, (subject, message) -> alerts.add(subject + "\n" + message), (url, body) -> {
      assertEquals("https://cloudformation-custom-resource-response/x", url);
      responses.add(body);
    }, CONFIG);
  }

  static JsonNode upload(String key) throws IOException {
    return Json.MAPPER.readTree("{\"Records\":[{\"s3\":{\"bucket\":{\"name\":\"data\"},\"object\":{\"key\":\""
        + key + "\"}}}]}");
  }

  static JsonNode customResource(String type) throws IOException {
    return Json.MAPPER.readTree("{\"RequestType\":\"" + type + "\",\"ResponseURL\":"
        + "\"https://cloudformation-custom-resource-response/x\",\"StackId\":\"stack-1\",\"RequestId\":\"req-1\","
        + "\"LogicalResourceId\":\"JobTable\"}");
  }

  @Test
  void anUploadLoadsTheJobTable() throws Exception {
    bucket.put(CONFIG, HistoryStoreContract.JOB_TABLE);

    JsonNode out = handler.invoke(upload("tributary/config.txt"));

    assertEquals(1, out.get("synced").asInt());
    assertEquals(List.of("deposit"), stores.configs().all().stream().map(j -> j.name()).toList());
    assertTrue(alerts.isEmpty());
  }

  @Test
  void anInvalidUploadKeepsThePreviousTableAndAlertsWithTheLine() throws Exception {
    bucket.put(CONFIG, HistoryStoreContract.JOB_TABLE);
    handler.invoke(upload("tributary/config.txt"));
    bucket.put(CONFIG, HistoryStoreContract.JOB_TABLE.replace("| 10\n", "| ten\n"));

    assertThrows(InvalidJobTableException.class, () -> handler.invoke(upload("tributary/config.txt")));

    assertEquals(1, alerts.size());
    assertTrue(alerts.get(0).startsWith("Tributary rejected tributary/config.txt"), alerts.get(0));
    assertTrue(alerts.get(0).contains(":2: num_partitions"), alerts.get(0));
    assertEquals(10, stores.configs().get("deposit").orElseThrow().jdbc().partitioning().numPartitions());
  }

  @Test
  void anUploadWithNoJobsIsRefusedUnlessItSaysToDisableEveryJob() throws Exception {
    bucket.put(CONFIG, HistoryStoreContract.JOB_TABLE);
    handler.invoke(upload("tributary/config.txt"));
    String headerOnly = HistoryStoreContract.JOB_TABLE.lines().findFirst().orElseThrow() + "\n";
    bucket.put(CONFIG, headerOnly);

    assertThrows(InvalidJobTableException.class, () -> handler.invoke(upload("tributary/config.txt")));

    assertTrue(alerts.get(0).contains(":1: no jobs: loading it would disable every job (1 enabled)"), alerts.get(0));
    assertEquals(io.tributary.core.config.JobStatus.PENDING, stores.configs().get("deposit").orElseThrow().state().status());
    bucket.put(CONFIG, "# disable every job\n" + headerOnly);
    handler.invoke(upload("tributary/config.txt"));
    assertEquals(io.tributary.core.config.JobStatus.DISABLED, stores.configs().get("deposit").orElseThrow().state().status());
  }

  @Test
  void theCustomResourceLoadsTheFileAndAnswersCloudFormationFieldByField() throws Exception {
    bucket.put(CONFIG, HistoryStoreContract.JOB_TABLE);

    handler.invoke(customResource("Create"));

    assertEquals(1, responses.size());
    JsonNode body = responses.get(0);
    assertEquals("SUCCESS", body.get("Status").asText());
    assertEquals("", body.get("Reason").asText());
    assertEquals("tributary-job-table", body.get("PhysicalResourceId").asText());
    assertEquals("stack-1", body.get("StackId").asText());
    assertEquals("req-1", body.get("RequestId").asText());
    assertEquals("JobTable", body.get("LogicalResourceId").asText());
    assertEquals(1, stores.configs().all().size());
  }

  @Test
  void aCustomResourceThatCannotReadTheFileAnswersFailedWithTheReason() throws Exception {
    handler.invoke(customResource("Update"));

    assertEquals("FAILED", responses.get(0).get("Status").asText());
    assertTrue(responses.get(0).get("Reason").asText().contains("no object at " + CONFIG));
  }

  @Test
  void creatingTheStackBeforeTheJobTableIsUploadedStartsAnEmptyTable() throws Exception {
    handler.invoke(customResource("Create"));

    assertEquals("SUCCESS", responses.get(0).get("Status").asText(), "the stack's own bucket is new: not a failure");
    assertTrue(responses.get(0).get("Reason").asText().contains("the job table starts empty"));
    assertTrue(stores.configs().all().isEmpty());
    bucket.put(CONFIG, HistoryStoreContract.JOB_TABLE);
    handler.invoke(upload("tributary/config.txt"));
    assertEquals(1, stores.configs().all().size(), "the upload loads it");
  }

  @Test
  void deletingTheStackLeavesTheTableAlone() throws Exception {
    handler.invoke(customResource("Delete"));

    assertEquals("SUCCESS", responses.get(0).get("Status").asText());
    assertTrue(stores.configs().all().isEmpty());
  }
}
