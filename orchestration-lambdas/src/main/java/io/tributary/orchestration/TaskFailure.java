package io.tributary.orchestration;

/** A task error with the name a state machine's Retry and Catch fields match, e.g. {@code Tributary.WindowAlreadyRunning}. */
public final class TaskFailure extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final String errorType;

  public TaskFailure(String errorType, String message) {
    super(message);
    this.errorType = errorType;
  }

  /** The error name the state machine sees. */
  public String errorType() {
    return errorType;
  }
}
