package io.tributary.orchestration.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import io.tributary.orchestration.Json;
import io.tributary.orchestration.TaskHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * A Lambda function around one {@link TaskHandler}: JSON in, JSON out, through {@link TaskHandler#invoke}.
 * Exceptions propagate: the runtime reports each by its class name, the name the state machine's Catch
 * fields match.
 */
abstract class JsonLambda implements RequestStreamHandler {
  private final TaskHandler handler;

  JsonLambda(TaskHandler handler) {
    this.handler = handler;
  }

  @Override
  public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
    Json.MAPPER.writeValue(output, handler.invoke(Json.MAPPER.readTree(input)));
  }
}
