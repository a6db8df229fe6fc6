package io.tributary.spark.cubic;

/** A load could not be ingested; the message is its reason (file, and line and column where known). */
public final class LoadFailedException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public LoadFailedException(String reason) {
    super(reason);
  }

  public LoadFailedException(String reason, Throwable cause) {
    super(reason, cause);
  }
}
