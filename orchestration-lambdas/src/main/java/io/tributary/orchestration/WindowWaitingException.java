package io.tributary.orchestration;

/**
 * A window whose step found that its source could still add rows to it, recorded WAITING. The state machine
 * catches {@code io.tributary.orchestration.WindowWaitingException} and ends the job's run with its window kept
 * for the next run (as {@link WindowBusyException}, Step Functions sees it by the class name).
 */
public final class WindowWaitingException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public WindowWaitingException(String message) {
    super(message);
  }
}
