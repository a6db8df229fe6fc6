package io.tributary.local.sfn;

import com.fasterxml.jackson.databind.JsonNode;
import io.tributary.orchestration.Json;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** SNS standing in locally: keeps every published message, and prints it when asked to. */
public final class LocalNotifications {
  /** One published message. */
  public record Notification(String subject, String message) {}

  private final List<Notification> published = Collections.synchronizedList(new ArrayList<>());
  private final boolean print;

  public LocalNotifications(boolean print) {
    this.print = print;
  }

  JsonNode publish(JsonNode request) {
    Notification notification = new Notification(request.path("Subject").asText(""), request.path("Message").asText(""));
    published.add(notification);
    if (print) {
      System.out.println("[notification] " + notification.subject() + "\n" + notification.message());
    }
    return Json.object().put("MessageId", "local-" + published.size());
  }

  public List<Notification> published() {
    return List.copyOf(published);
  }
}
