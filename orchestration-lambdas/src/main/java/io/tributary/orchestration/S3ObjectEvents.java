package io.tributary.orchestration;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** The objects an S3 event notification names. Keys arrive URL-encoded (a space as '+'). */
public final class S3ObjectEvents {
  /** One object: its bucket and decoded key. */
  public record S3Object(String bucket, String key) {
    public String uri() {
      return "s3://" + bucket + "/" + key;
    }
  }

  private S3ObjectEvents() {}

  public static List<S3Object> objects(JsonNode event) {
    List<S3Object> objects = new ArrayList<>();
    for (JsonNode record : event.path("Records")) {
      JsonNode s3 = record.path("s3");
      String bucket = s3.path("bucket").path("name").asText("");
      String key = URLDecoder.decode(s3.path("object").path("key").asText(""), StandardCharsets.UTF_8);
      if (bucket.isEmpty() || key.isEmpty()) {
        throw new IllegalArgumentException("S3 event record without bucket or key: " + record);
      }
      objects.add(new S3Object(bucket, key));
    }
    return objects;
  }
}
