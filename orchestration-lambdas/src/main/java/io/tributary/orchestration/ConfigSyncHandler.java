package io.tributary.orchestration;

import io.tributary.core.history.NoSuchObjectException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tributary.core.config.JobTableSync;
import io.tributary.core.history.ConfigStore;
import io.tributary.core.history.TextObjects;
import java.io.IOException;
import java.util.List;

/**
 * Loads config.txt into the job table: on an S3 upload of the file, and as the CloudFormation custom
 * resource that loads it when the stack is created or updated. An invalid file is rejected whole (the
 * previous table stays), its problems, with their lines, published as an alert.
 */
public final class ConfigSyncHandler implements TaskHandler {
  /** Where alerts go (the run-summary topic on AWS). */
  @FunctionalInterface
  public interface Alerts {
    void publish(String subject, String message);
  }

  /** Where a custom resource's outcome goes: CloudFormation's pre-signed response URL. */
  @FunctionalInterface
  public interface CustomResourceResponses {
    void send(String responseUrl, JsonNode body) throws IOException;
  }

  private final ConfigStore configs;
  private final TextObjects objects;
  private final Alerts alerts;
  private final CustomResourceResponses responses;
  private final String configUri;

  /** {@code configUri}: the file the custom resource loads, {@code s3://<data bucket>/<config key>}. */
  public ConfigSyncHandler(ConfigStore configs, TextObjects objects, Alerts alerts, CustomResourceResponses responses,
      String configUri) {
    this.configs = configs;
    this.objects = objects;
    this.alerts = alerts;
    this.responses = responses;
    this.configUri = configUri;
  }

  @Override
  public JsonNode handle(JsonNode event) throws IOException {
    if (event.has("RequestType")) {
      return customResource(event);
    }
    List<S3ObjectEvents.S3Object> uploaded = S3ObjectEvents.objects(event);
    for (S3ObjectEvents.S3Object object : uploaded) {
      sync(object.uri());
    }
    return Json.object().put("synced", uploaded.size());
  }

  private void sync(String uri) throws IOException {
    String key = uri.substring(uri.indexOf('/', "s3://".length()) + 1);
    new JobTableSync(configs, message -> alerts.publish("Tributary rejected " + key, message))
        .sync(uri, objects.read(uri));
  }

  private JsonNode customResource(JsonNode event) throws IOException {
    String status = "SUCCESS";
    String reason = "";
    String type = event.path("RequestType").asText();
    if (!type.equals("Delete")) {
      try {
        sync(configUri);
      } catch (NoSuchObjectException e) {
        // The stack creates the data bucket, so on Create the job table cannot be there yet: the table starts
        // empty and loads when config.txt is uploaded. On Update a missing table is a mistake to report.
        if (!type.equals("Create")) {
          status = "FAILED";
        }
        reason = type.equals("Create") ? "no job table at " + configUri + " yet: the job table starts empty;"
            + " upload config.txt there to load it" : e.getMessage();
      } catch (RuntimeException | IOException e) {
        // Wide on purpose: a custom resource that answers nothing holds the stack for an hour.
        status = "FAILED";
        reason = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
      }
    }
    ObjectNode body = Json.object().put("Status", status)
        .put("Reason", reason.length() > 3000 ? reason.substring(0, 3000) : reason)
        .put("PhysicalResourceId", "tributary-job-table")
        .put("StackId", event.path("StackId").asText()).put("RequestId", event.path("RequestId").asText())
        .put("LogicalResourceId", event.path("LogicalResourceId").asText());
    responses.send(event.path("ResponseURL").asText(), body);
    return body;
  }
}
