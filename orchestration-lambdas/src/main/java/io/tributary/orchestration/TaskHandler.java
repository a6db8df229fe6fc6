package io.tributary.orchestration;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The logic behind one state-machine task, on JSON in and out. A Lambda function wraps it on AWS; the
 * local runner calls it directly from the same state machine definition.
 */
@FunctionalInterface
public interface TaskHandler {

  /** Handles one invocation; throws {@link TaskFailure} for errors the state machine catches by name. */
  JsonNode handle(JsonNode input) throws Exception;
}
