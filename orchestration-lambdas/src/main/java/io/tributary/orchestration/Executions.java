package io.tributary.orchestration;

import java.util.List;

/** The state machine's executions, as far as the triggers need them (live-fill of months and years, Cubic loads). */
public interface Executions {
  /** The names of the running executions. */
  List<String> runningNames();

  /** Starts an execution; returns its ARN. */
  String start(ExecutionRequest request);
}
