package io.tributary.core.testing;

import java.util.HashMap;
import java.util.Map;

/**
 * Failures to inject into the in-memory stores' writes, counted from 1 over every write operation of both
 * stores: {@link #refuse} makes the Nth write throw before it changes anything (a crash before the write);
 * {@link #loseResponse} makes it apply and then throw (the caller cannot tell it happened).
 */
public final class StoreFaults {
  /** The error an injected fault raises. */
  public static final class InjectedFault extends RuntimeException {
    private static final long serialVersionUID = 1L;

    InjectedFault(String message) {
      super(message);
    }
  }

  private enum Fault {
    REFUSE,
    LOSE_RESPONSE
  }

  private final Map<Integer, Fault> faults = new HashMap<>();
  private int writes;

  /** The {@code n}th write from the start fails before it is applied. */
  public synchronized StoreFaults refuse(int n) {
    faults.put(n, Fault.REFUSE);
    return this;
  }

  /** The {@code n}th write from the start is applied, then fails as if its response were lost. */
  public synchronized StoreFaults loseResponse(int n) {
    faults.put(n, Fault.LOSE_RESPONSE);
    return this;
  }

  /** Removes every pending fault. */
  public synchronized void clear() {
    faults.clear();
  }

  /** Writes attempted so far, failed ones included. */
  public synchronized int writes() {
    return writes;
  }

  /** Runs one write {@code name}, failing it as told. */
  synchronized <T> T write(String name, java.util.function.Supplier<T> apply) {
    writes++;
    Fault fault = faults.remove(writes);
    if (fault == Fault.REFUSE) {
      throw new InjectedFault("write " + writes + " (" + name + ") refused");
    }
    T result = apply.get();
    if (fault == Fault.LOSE_RESPONSE) {
      throw new InjectedFault("write " + writes + " (" + name + ") applied, response lost");
    }
    return result;
  }
}
