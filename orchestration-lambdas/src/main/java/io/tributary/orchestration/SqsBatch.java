package io.tributary.orchestration;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

/**
 * An SQS batch of S3 notifications as a trigger function receives it: the s3:// URIs of its objects, and the
 * messages that are not S3 notifications. Those are reported as the batch's item failures
 * ({@code ReportBatchItemFailures}), so one bad message goes back to the queue, and after its receive count to the
 * dead-letter queue, while the rest of the batch is handled. A direct S3 notification (no SQS) is read as one record.
 * https://docs.aws.amazon.com/lambda/latest/dg/services-sqs-errorhandling.html
 */
public record SqsBatch(List<Message> messages, List<Rejected> rejected) {
  /** A message of the batch that is not an S3 notification, and why. */
  public record Rejected(String messageId, String reason) {}

  /**
   * An S3 notification of the batch and the s3:// URIs of its objects; a direct notification (no SQS) has
   * the message id {@link #DIRECT}.
   */
  public record Message(String messageId, List<String> objects) {
    public static final String DIRECT = "";

    public Message {
      objects = List.copyOf(objects);
    }
  }

  public SqsBatch {
    messages = List.copyOf(messages);
    rejected = List.copyOf(rejected);
  }

  /** The objects of every message, in the batch's order. */
  public List<String> objects() {
    return messages.stream().flatMap(m -> m.objects().stream()).toList();
  }

  public static SqsBatch of(JsonNode event) {
    List<Message> messages = new ArrayList<>();
    List<Rejected> rejected = new ArrayList<>();
    for (JsonNode record : event.path("Records")) {
      if (!record.has("body")) {
        messages.add(new Message(Message.DIRECT, uris(Json.object().set("Records",
            Json.MAPPER.createArrayNode().add(record)))));
        continue;
      }
      String messageId = record.path("messageId").asText("");
      try {
        JsonNode body = Json.MAPPER.readTree(record.get("body").asText());
        if (body.path("Event").asText().equals("s3:TestEvent")) {
          continue; // sent once when the notification is configured
        }
        if (!body.path("Records").isArray()) {
          throw new IllegalArgumentException("no Records: not an S3 event notification");
        }
        messages.add(new Message(messageId, uris(body)));
      } catch (JsonProcessingException | IllegalArgumentException e) {
        rejected.add(new Rejected(messageId, e.getMessage()));
      }
    }
    return new SqsBatch(messages, rejected);
  }

  private static List<String> uris(JsonNode notification) {
    return S3ObjectEvents.objects(notification).stream().map(o -> o.uri()).toList();
  }

  /** The batch's item failures, as Lambda's SQS event source mapping reads them from the function's response. */
  public ObjectNode response() {
    return response(List.of());
  }

  /**
   * The batch's item failures: the rejected messages and {@code failed}, each message with why, so that they go
   * back to the queue (and after their receive count to the dead-letter queue) while the others are deleted.
   */
  public ObjectNode response(List<Rejected> failed) {
    ObjectNode out = Json.object();
    ArrayNode failures = out.putArray("batchItemFailures");
    ArrayNode reasons = out.putArray("rejected");
    for (Rejected message : rejected) {
      failures.addObject().put("itemIdentifier", message.messageId());
      reasons.addObject().put("messageId", message.messageId()).put("reason", message.reason());
    }
    ArrayNode failedReasons = out.putArray("failed");
    for (Rejected message : failed) {
      failures.addObject().put("itemIdentifier", message.messageId());
      failedReasons.addObject().put("messageId", message.messageId()).put("reason", message.reason());
    }
    return out;
  }
}
