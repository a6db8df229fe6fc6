package io.tributary.orchestration.emr;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The transient cluster a run creates, as configured by the stack: EMR release, roles, network, instance
 * groups (with a Spot option for core nodes), bootstrap actions, Spark configuration, how many steps run
 * at once, the idle timeout that terminates a cluster a failed execution could not, and the EMR security
 * configuration (at-rest and in-transit encryption) the cluster is created with, if any.
 */
public record ClusterSpec(
    String name,
    String releaseLabel,
    String logUri,
    String serviceRole,
    String jobFlowRole,
    String subnetId,
    Optional<String> ec2KeyName,
    String masterInstanceType,
    String coreInstanceType,
    int coreInstanceCount,
    boolean coreOnSpot,
    List<BootstrapAction> bootstrapActions,
    Map<String, String> sparkDefaults,
    int stepConcurrency,
    long idleTimeoutSeconds,
    Map<String, String> tags,
    Optional<String> securityConfiguration) {

  /** An EMR 7 release label; its minor release at least {@link #FIRST_MINOR_RELEASE}. */
  private static final Pattern RELEASE = Pattern.compile("emr-7\\.(\\d+)\\.\\d+");
  /** emr-7.11.0 is the first release whose Delta Lake (3.3.2) is the one the jobs are built against. */
  private static final int FIRST_MINOR_RELEASE = 11;

  public ClusterSpec {
    Objects.requireNonNull(name, "name");
    Matcher release = RELEASE.matcher(releaseLabel);
    if (!release.matches() || Integer.parseInt(release.group(1)) < FIRST_MINOR_RELEASE) {
      throw new IllegalArgumentException("releaseLabel '" + releaseLabel + "' is not emr-7.11.0 or later: the jobs"
          + " are built against Delta Lake 3.3.2, which EMR ships from emr-7.11.0 (emr-7.5.0 ships 3.2.1; see"
          + " https://docs.aws.amazon.com/emr/latest/ReleaseGuide/Delta-release-history.html)");
    }
    if (!logUri.startsWith("s3://")) {
      throw new IllegalArgumentException("logUri '" + logUri + "' must be an s3:// URI");
    }
    if (coreInstanceCount < 1) {
      throw new IllegalArgumentException("coreInstanceCount must be >= 1, was " + coreInstanceCount);
    }
    if (stepConcurrency < 1 || stepConcurrency > 256) {
      throw new IllegalArgumentException("stepConcurrency must be 1..256, was " + stepConcurrency);
    }
    if (idleTimeoutSeconds < 60 || idleTimeoutSeconds > 604_800) {
      throw new IllegalArgumentException("idleTimeoutSeconds must be 60..604800 (EMR's range), was " + idleTimeoutSeconds);
    }
    bootstrapActions = List.copyOf(bootstrapActions);
    sparkDefaults = Map.copyOf(sparkDefaults);
    tags = Map.copyOf(tags);
    Objects.requireNonNull(securityConfiguration, "securityConfiguration");
  }

  /** A script every node runs at start-up (an s3:// path), with its arguments. */
  public record BootstrapAction(String path, List<String> args) {
    public BootstrapAction {
      if (!path.startsWith("s3://")) {
        throw new IllegalArgumentException("bootstrap script '" + path + "' must be an s3:// URI");
      }
      args = List.copyOf(args);
    }
  }

  /** A cluster without a security configuration. */
  public ClusterSpec(String name, String releaseLabel, String logUri, String serviceRole, String jobFlowRole,
      String subnetId, Optional<String> ec2KeyName, String masterInstanceType, String coreInstanceType,
      int coreInstanceCount, boolean coreOnSpot, List<BootstrapAction> bootstrapActions, Map<String, String> sparkDefaults,
      int stepConcurrency, long idleTimeoutSeconds, Map<String, String> tags) {
    this(name, releaseLabel, logUri, serviceRole, jobFlowRole, subnetId, ec2KeyName, masterInstanceType,
        coreInstanceType, coreInstanceCount, coreOnSpot, bootstrapActions, sparkDefaults, stepConcurrency,
        idleTimeoutSeconds, tags, Optional.empty());
  }

  /** This cluster created with the EMR security configuration named {@code name}. */
  public ClusterSpec withSecurityConfiguration(Optional<String> name) {
    return new ClusterSpec(this.name, releaseLabel, logUri, serviceRole, jobFlowRole, subnetId, ec2KeyName,
        masterInstanceType, coreInstanceType, coreInstanceCount, coreOnSpot, bootstrapActions, sparkDefaults,
        stepConcurrency, idleTimeoutSeconds, tags, name);
  }
}
