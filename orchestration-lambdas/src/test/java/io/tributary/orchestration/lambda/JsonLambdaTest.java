package io.tributary.orchestration.lambda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** A handler's exception reaches the runtime as itself (its name is what the Catch matches), its stack short. */
@Tag("fast")
class JsonLambdaTest {
  static void deep(int depth) {
    if (depth == 0) {
      throw new IllegalStateException("window busy", new IllegalArgumentException("inner"));
    }
    deep(depth - 1);
  }

  @Test
  void theReportedExceptionIsTheHandlersWithAFewFrames() {
    JsonLambda lambda = new JsonLambda(input -> {
      deep(40);
      return input;
    }) { };

    IllegalStateException thrown = assertThrows(IllegalStateException.class, () -> lambda.handleRequest(
        new ByteArrayInputStream("{}".getBytes(StandardCharsets.UTF_8)), new ByteArrayOutputStream(), null));

    assertEquals("window busy", thrown.getMessage());
    assertEquals(JsonLambda.REPORTED_FRAMES, thrown.getStackTrace().length);
    assertEquals(JsonLambda.REPORTED_FRAMES, thrown.getCause().getStackTrace().length);
    assertEquals("deep", thrown.getStackTrace()[0].getMethodName(), "the frames kept are where it was thrown");
  }
}
