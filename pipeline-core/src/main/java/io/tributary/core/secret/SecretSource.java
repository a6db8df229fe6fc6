package io.tributary.core.secret;

/**
 * Where database credentials come from: SSM Parameter Store on AWS, the environment or a local file
 * otherwise. Implementations never put a secret value in a log line or an exception message.
 */
public interface SecretSource {

  /** The credentials; throws SecretUnavailableException naming what is missing, never its value. */
  DatabaseCredentials databaseCredentials();
}
