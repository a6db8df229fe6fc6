package io.tributary.core.run;

/**
 * A window's source could still add rows to it (a transaction begun before its stop is still open, or the
 * reader cannot see other sessions and the window's lag has not passed): the run loads nothing and the job stays
 * on the window, recorded WAITING, for its next run.
 */
public final class WindowNotSettledException extends Exception {
  public WindowNotSettledException(String reason) {
    super(reason);
  }
}
