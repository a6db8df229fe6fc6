package io.tributary.core.secret;

/** Credentials that could not be read; the message names the source and key, never a value. */
public final class SecretUnavailableException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public SecretUnavailableException(String message) {
    super(message);
  }
}
