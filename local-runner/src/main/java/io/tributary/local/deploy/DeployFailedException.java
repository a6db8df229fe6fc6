package io.tributary.local.deploy;

/** A deploy stopped by what AWS answered: a check that failed, a change set or stack that failed. */
public final class DeployFailedException extends RuntimeException {
  public DeployFailedException(String message) {
    super(message);
  }
}
