package io.tributary.aws;

import io.tributary.aws.ssm.SsmSecretSource;
import io.tributary.core.secret.SecretSource;
import io.tributary.core.secret.SecretSourceSpec;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.ssm.SsmClient;

/** Builds the secret source a {@link SecretSourceSpec} names, SSM included. */
public final class SecretSources {
  private SecretSources() {}

  /** The source for {@code spec}; an SSM source uses the default region and credentials chain. */
  public static SecretSource fromSpec(SecretSourceSpec spec) {
    if (spec.kind() == SecretSourceSpec.Kind.SSM) {
      return new SsmSecretSource(
          SsmClient.builder().httpClient(UrlConnectionHttpClient.create()).build(), spec.arguments());
    }
    return spec.localSource();
  }
}
