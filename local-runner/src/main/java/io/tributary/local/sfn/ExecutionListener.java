package io.tributary.local.sfn;

/** What a local execution reports as it goes: the windows it planned, and each window as it ends. */
public interface ExecutionListener {
  /** Hears nothing. */
  ExecutionListener NONE = new ExecutionListener() {
    @Override
    public void planned(long windows) {}

    @Override
    public void windowEnded(long rowsWritten) {}
  };

  /** The execution's plan holds {@code windows} windows. */
  void planned(long windows);

  /** A window ended (0 rows when it failed). */
  void windowEnded(long rowsWritten);
}
