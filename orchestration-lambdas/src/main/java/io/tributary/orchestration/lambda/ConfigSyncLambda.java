package io.tributary.orchestration.lambda;

import com.fasterxml.jackson.databind.JsonNode;
import io.tributary.orchestration.ConfigSyncHandler;
import io.tributary.orchestration.Json;
import java.io.IOException;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.URI;

/**
 * Lambda entry point of config sync (S3 uploads of config.txt, and the stack's custom resource): see
 * {@link ConfigSyncHandler}. Alerts go to the run-summary topic and to CloudWatch Logs.
 */
public final class ConfigSyncLambda extends JsonLambda {
  public ConfigSyncLambda() {
    this(AwsEnvironment.fromSystem());
  }

  ConfigSyncLambda(AwsEnvironment env) {
    super(new ConfigSyncHandler(env.configStore(env.dynamoDb()), AwsEnvironment.s3Objects(env.s3()), env.alerts(),
        ConfigSyncLambda::respond,
        "s3://" + env.require("DATA_BUCKET") + "/" + env.require("CONFIG_KEY")));
  }

  /** PUTs a custom resource's outcome to CloudFormation's pre-signed URL (no content type, as it requires). */
  private static void respond(String responseUrl, JsonNode body)
      throws IOException {
    HttpURLConnection connection = (HttpURLConnection) URI.create(responseUrl).toURL().openConnection();
    connection.setRequestMethod("PUT");
    connection.setDoOutput(true);
    connection.setRequestProperty("content-type", "");
    try (OutputStream out = connection.getOutputStream()) {
      out.write(Json.MAPPER.writeValueAsBytes(body));
    }
    connection.getResponseCode();
  }
}
