package io.tributary.orchestration;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tributary.core.kind.cubic.IncomingKey;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;
import java.util.UUID;

/**
 * The Kafka side of Cubic: a Kinesis event source invokes this handler with a batch of records (up to 10,000,
 * gathered for at most the batching window); it writes them as one JSON-lines object
 * {@code cubic/kafka/<stream>/<uuid>.json} in the incoming bucket, one record per line (each re-serialized
 * compactly, so a record spanning lines still is one line). A record that is not JSON is not dropped: the
 * batch's such records go whole to {@code cubic/kafka/<stream>/_rejected/<uuid>.txt} (outside the loads' key
 * layout, so never ingested), and the result counts them. The object's UUID is derived from the batch's first
 * and last record (shard and sequence number), so a retried invocation overwrites its own object instead of
 * adding a duplicate.
 */
public final class KafkaBatchHandler implements TaskHandler {
  /** Writes one object of the incoming bucket. */
  @FunctionalInterface
  public interface ObjectWriter {
    void put(String key, byte[] content) throws IOException;
  }

  private final ObjectWriter writer;
  private final String rootPrefix;

  /** @param rootPrefix the key prefix of the incoming root ("" for the bucket's root, else ending in /) */
  public KafkaBatchHandler(ObjectWriter writer, String rootPrefix) {
    this.writer = writer;
    this.rootPrefix = rootPrefix;
  }

  @Override
  public JsonNode handle(JsonNode event) throws IOException {
    ByteArrayOutputStream lines = new ByteArrayOutputStream();
    ByteArrayOutputStream rejected = new ByteArrayOutputStream();
    int written = 0;
    int bad = 0;
    String stream = null;
    for (JsonNode record : event.path("Records")) {
      String source = stream(record.path("eventSourceARN").asText(""));
      if (stream != null && !stream.equals(source)) {
        throw new IllegalArgumentException("one batch holds records of two streams: " + stream + " and " + source);
      }
      stream = source;
      byte[] data = Base64.getDecoder().decode(record.path("kinesis").path("data").asText(""));
      try {
        JsonNode value = Json.MAPPER.readTree(data);
        if (value == null || !value.isObject()) {
          throw new IOException("not a JSON object");
        }
        lines.write(Json.MAPPER.writeValueAsBytes(value));
        lines.write('\n');
        written++;
      } catch (IOException notJson) {
        rejected.write(data);
        rejected.write('\n');
        bad++;
      }
    }
    ObjectNode out = Json.object().put("records", written).put("rejected", bad);
    if (stream == null) {
      return out;
    }
    JsonNode records = event.path("Records");
    String identity = stream + "|" + records.get(0).path("eventID").asText("") + "|"
        + records.get(records.size() - 1).path("eventID").asText("");
    String name = UUID.nameUUIDFromBytes(identity.getBytes(StandardCharsets.UTF_8)).toString();
    String folder = rootPrefix + IncomingKey.ROOT + "kafka/" + stream + "/";
    if (written > 0) {
      writer.put(folder + name + ".json", lines.toByteArray());
      out.put("key", folder + name + ".json");
    }
    if (bad > 0) {
      writer.put(folder + "_rejected/" + name + ".txt", rejected.toByteArray());
      out.put("rejectedKey", folder + "_rejected/" + name + ".txt");
    }
    return out;
  }

  /** The stream's name from its ARN, {@code arn:aws:kinesis:<region>:<account>:stream/<name>}, as a folder name. */
  static String stream(String arn) {
    int slash = arn.lastIndexOf("stream/");
    if (slash < 0 || arn.length() == slash + 7) {
      throw new IllegalArgumentException("not a Kinesis stream ARN: '" + arn + "'");
    }
    return arn.substring(slash + 7).toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_]", "_");
  }
}
