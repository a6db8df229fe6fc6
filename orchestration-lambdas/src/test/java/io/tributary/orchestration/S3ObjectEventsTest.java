package io.tributary.orchestration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** S3 cannot run here: the event shape S3 sends to the config-sync function, parsed field by field. */
@Tag("fast")
class S3ObjectEventsTest {
  @Test
  void readsBucketAndDecodedKeyOfEveryRecord() throws Exception {
    String event = """
        {"Records": [
          {"eventSource": "aws:s3", "eventName": "ObjectCreated:Put",
           "s3": {"bucket": {"name": "tributary-123-us-west-2-prod"}, "object": {"key": "config/config.txt", "size": 900}}},
          {"eventSource": "aws:s3", "eventName": "ObjectCreated:Put",
           "s3": {"bucket": {"name": "b"}, "object": {"key": "config/my+jobs%28v2%29.txt"}}}]}""";

    List<S3ObjectEvents.S3Object> objects = S3ObjectEvents.objects(Json.MAPPER.readTree(event));

    assertEquals(List.of(new S3ObjectEvents.S3Object("tributary-123-us-west-2-prod", "config/config.txt"),
        new S3ObjectEvents.S3Object("b", "config/my jobs(v2).txt")), objects);
    assertEquals("s3://b/config/my jobs(v2).txt", objects.get(1).uri());
  }

  @Test
  void recordWithoutKeyIsRefused() throws Exception {
    assertThrows(IllegalArgumentException.class,
        () -> S3ObjectEvents.objects(Json.MAPPER.readTree("{\"Records\": [{\"s3\": {\"bucket\": {\"name\": \"b\"}}}]}")));
  }
}
