package io.tributary.orchestration.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import io.tributary.orchestration.Json;
import io.tributary.orchestration.TaskHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Arrays;

/**
 * A Lambda function around one {@link TaskHandler}: JSON in, JSON out, through {@link TaskHandler#invoke}.
 * Exceptions propagate: the runtime reports each by its class name, the name the state machine's Catch
 * fields match. Their whole trace goes to the function's log; the one the runtime reports, which becomes the error's
 * cause in the execution's state (capped at 256 KB for all its jobs), keeps {@link #REPORTED_FRAMES} frames.
 */
public abstract class JsonLambda implements RequestStreamHandler {
  static final int REPORTED_FRAMES = 3;

  private final TaskHandler handler;

  protected JsonLambda(TaskHandler handler) {
    this.handler = handler;
  }

  @Override
  public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
    try {
      Json.MAPPER.writeValue(output, handler.invoke(Json.MAPPER.readTree(input)));
    } catch (IOException | RuntimeException e) {
      e.printStackTrace(); // CloudWatch Logs keeps the whole trace
      shorten(e);
      throw e;
    }
  }

  /** Cuts the stack of {@code e} and of its causes to {@link #REPORTED_FRAMES} frames. */
  static void shorten(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
      StackTraceElement[] frames = t.getStackTrace();
      if (frames.length > REPORTED_FRAMES) {
        t.setStackTrace(Arrays.copyOf(frames, REPORTED_FRAMES));
      }
    }
  }
}
