package io.tributary.orchestration;

import com.fasterxml.jackson.databind.JsonNode;
import io.tributary.core.run.Failures;
import java.io.IOException;

/**
 * The logic behind one state-machine task, on JSON in and out. A Lambda function wraps it on AWS; the
 * local runner calls it directly from the same state machine definition. Either way it is called through
 * {@link #invoke}, so an error reaches the state machine under the same name: the class name of the
 * exception {@code invoke} throws (see {@link StateMachineErrors}).
 */
@FunctionalInterface
public interface TaskHandler {

  /** Handles one invocation; throws an exception of a class in {@link StateMachineErrors#RAISED} for errors the state machine catches by name. */
  JsonNode handle(JsonNode input) throws Exception;

  /** {@link #handle}, with a checked exception (other than IOException) wrapped in an IllegalStateException. */
  default JsonNode invoke(JsonNode input) throws IOException {
    try {
      return handle(input);
    } catch (IOException | RuntimeException e) {
      throw e;
    } catch (Exception e) {
      throw new IllegalStateException(Failures.describe(e), e);
    }
  }
}
