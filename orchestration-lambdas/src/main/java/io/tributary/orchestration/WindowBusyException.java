package io.tributary.orchestration;

/**
 * A window another run holds or has already loaded. Step Functions sees a Java Lambda's error by the
 * exception's class name, so the state machine catches {@code io.tributary.orchestration.WindowBusyException}
 * (and the local dispatcher reports the same name).
 */
public final class WindowBusyException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public WindowBusyException(String message) {
    super(message);
  }
}
