package io.tributary.orchestration;

import java.util.ArrayList;
import java.util.List;

/** The state machine's executions as the triggers see them: the running names a test sets, the starts recorded. */
public final class RecordingExecutions implements Executions {
  public final List<String> running = new ArrayList<>();
  public final List<ExecutionRequest> started = new ArrayList<>();

  @Override
  public List<String> runningNames() {
    return running;
  }

  @Override
  public String start(ExecutionRequest request) {
    started.add(request);
    return "arn:aws:states:eu-west-1:1:execution:tributary:" + request.name();
  }
}
