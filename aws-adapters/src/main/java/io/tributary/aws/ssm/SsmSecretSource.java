package io.tributary.aws.ssm;

import io.tributary.core.secret.DatabaseCredentials;
import io.tributary.core.secret.SecretSource;
import io.tributary.core.secret.SecretUnavailableException;
import java.util.List;
import software.amazon.awssdk.services.ssm.SsmClient;
import software.amazon.awssdk.services.ssm.model.SsmException;

/**
 * Credentials from SSM Parameter Store: a JDBC URL (String), a user and a password (SecureString,
 * decrypted on read). The seed's names are {@code postgre-jdbcurl}, {@code postgre-user}, {@code
 * postgre-psswd}.
 */
public final class SsmSecretSource implements SecretSource {
  private final SsmClient client;
  private final String urlParameter;
  private final String userParameter;
  private final String passwordParameter;

  public SsmSecretSource(SsmClient client, List<String> parameterNames) {
    if (parameterNames.size() != 3) {
      throw new IllegalArgumentException("expected 3 parameter names (url, user, password), got "
          + parameterNames.size());
    }
    this.client = client;
    this.urlParameter = parameterNames.get(0);
    this.userParameter = parameterNames.get(1);
    this.passwordParameter = parameterNames.get(2);
  }

  @Override
  public DatabaseCredentials databaseCredentials() {
    return new DatabaseCredentials(read(urlParameter), read(userParameter), read(passwordParameter));
  }

  private String read(String name) {
    try {
      return client.getParameter(b -> b.name(name).withDecryption(true)).parameter().value();
    } catch (SsmException e) {
      // The SDK's message names the parameter and the error code, never the value.
      throw new SecretUnavailableException("cannot read SSM parameter " + name + ": "
          + e.awsErrorDetails().errorCode());
    }
  }
}
