package io.tributary.orchestration.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.JsonNode;
import io.tributary.core.config.JobTableSync;
import io.tributary.orchestration.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.util.List;
import software.amazon.awssdk.services.sns.SnsClient;

/**
 * Loads config.txt into the job table: on an S3 upload of the configured key, and as the CloudFormation
 * custom resource that loads it when the stack is created. An invalid file is rejected whole (the
 * previous table stays), its problems published to the run-summary topic and logged.
 */
public final class ConfigSyncLambda implements RequestStreamHandler {
  private final AwsEnvironment env = AwsEnvironment.fromSystem();

  @Override
  public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
    JsonNode event = Json.MAPPER.readTree(input);
    if (event.has("RequestType")) {
      customResource(event);
      return;
    }
    List<S3ObjectEvents.S3Object> objects = S3ObjectEvents.objects(event);
    for (S3ObjectEvents.S3Object object : objects) {
      sync(object.bucket(), object.key());
    }
    Json.MAPPER.writeValue(output, Json.object().put("synced", objects.size()));
  }

  private void sync(String bucket, String key) throws IOException {
    String uri = "s3://" + bucket + "/" + key;
    String content = AwsEnvironment.s3Objects(env.s3()).read(uri);
    SnsClient sns = env.sns();
    new JobTableSync(env.configStore(env.dynamoDb()), message -> {
      System.err.println(message); // CloudWatch Logs
      sns.publish(b -> b.topicArn(env.require("RUN_SUMMARY_TOPIC_ARN"))
          .subject("Tributary rejected " + key).message(message));
    }).sync(uri, content);
  }

  private void customResource(JsonNode event) throws IOException {
    String status = "SUCCESS";
    String reason = "";
    if (!event.path("RequestType").asText().equals("Delete")) {
      try {
        sync(env.require("DATA_BUCKET"), env.require("CONFIG_KEY"));
      } catch (RuntimeException e) {
        status = "FAILED";
        reason = e.getMessage();
      }
    }
    var body = Json.object().put("Status", status).put("Reason", reason.length() > 3000 ? reason.substring(0, 3000) : reason)
        .put("PhysicalResourceId", "tributary-job-table")
        .put("StackId", event.path("StackId").asText()).put("RequestId", event.path("RequestId").asText())
        .put("LogicalResourceId", event.path("LogicalResourceId").asText());
    HttpURLConnection connection = (HttpURLConnection) URI.create(event.path("ResponseURL").asText()).toURL().openConnection();
    connection.setRequestMethod("PUT");
    connection.setDoOutput(true);
    connection.setRequestProperty("content-type", "");
    try (OutputStream out = connection.getOutputStream()) {
      out.write(Json.MAPPER.writeValueAsBytes(body));
    }
    connection.getResponseCode();
  }
}
