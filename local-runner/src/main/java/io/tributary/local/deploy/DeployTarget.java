package io.tributary.local.deploy;

import java.util.Map;
import java.util.Objects;

/**
 * Where and what a deploy deploys: the stack's name and region, the artifact bucket and key prefix the files go
 * to, and the template parameters given on the command line ({@code --parameter Key=Value}).
 */
public record DeployTarget(String stackName, String region, String artifactBucket, String prefix,
    Map<String, String> parameters) {
  public DeployTarget {
    Objects.requireNonNull(stackName, "stackName");
    Objects.requireNonNull(region, "region");
    Objects.requireNonNull(artifactBucket, "artifactBucket");
    Objects.requireNonNull(prefix, "prefix");
    if (!stackName.matches("[A-Za-z][A-Za-z0-9-]{0,127}")) {
      throw new IllegalArgumentException("--stack-name: '" + stackName + "' is not a stack name (a letter, then"
          + " letters, digits and '-', at most 128)");
    }
    if (!region.matches("[a-z]{2}(-[a-z]+)+-\\d")) {
      throw new IllegalArgumentException("--region: '" + region + "' is not an AWS region such as eu-west-1");
    }
    if (!artifactBucket.matches("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]")) {
      throw new IllegalArgumentException("--artifact-bucket: '" + artifactBucket + "' is not an S3 bucket name");
    }
    prefix = prefix.replaceAll("^/+|/+$", "");
    parameters = Map.copyOf(parameters);
  }
}
