package io.tributary.local.sfn;

/**
 * An error of an AWS service the local stand-ins play (EMR, SNS, the Lambda service), with the name Step
 * Functions gives it on AWS, e.g. {@code States.TaskFailed} or {@code ThrottlingException}. Tributary's own
 * handlers never raise it: their errors are named by their exception class, on AWS and locally alike.
 */
final class AwsServiceError extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final String errorType;

  AwsServiceError(String errorType, String message) {
    super(message);
    this.errorType = errorType;
  }

  /** The error name the state machine sees. */
  String errorType() {
    return errorType;
  }
}
