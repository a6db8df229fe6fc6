package io.tributary.core.history;

import java.io.IOException;

/** The object a {@link TextObjects} was asked for does not exist (as opposed to one that cannot be read). */
public final class NoSuchObjectException extends IOException {
  public NoSuchObjectException(String uri, Throwable cause) {
    super("no object at " + uri, cause);
  }
}
