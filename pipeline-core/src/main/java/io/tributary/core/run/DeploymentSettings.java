package io.tributary.core.run;

import io.tributary.core.config.JobKind;
import io.tributary.core.secret.SecretSourceSpec;
import java.util.Map;
import java.util.Objects;

/**
 * What a deployment gives every window's step: where database credentials come from, and each job kind's own
 * settings ({@link KindNamespaces}).
 */
public record DeploymentSettings(SecretSourceSpec secrets, KindNamespaces kinds) {
  public DeploymentSettings {
    Objects.requireNonNull(secrets, "secrets");
    Objects.requireNonNull(kinds, "kinds");
  }

  /** Settings with every kind's defaults. */
  public static DeploymentSettings defaults(SecretSourceSpec secrets) {
    return new DeploymentSettings(secrets, KindNamespaces.defaults());
  }

  /** The namespace of {@code kind}'s settings. */
  public Map<String, String> of(JobKind kind) {
    return kinds.of(kind);
  }
}
