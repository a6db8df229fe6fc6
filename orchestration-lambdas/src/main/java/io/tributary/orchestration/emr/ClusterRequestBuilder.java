package io.tributary.orchestration.emr;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tributary.orchestration.Json;
import java.util.Map;
import java.util.TreeMap;

/**
 * Builds the EMR RunJobFlow request, in the field names Step Functions' {@code createCluster.sync}
 * takes, from a {@link ClusterSpec}. The plan hands it to the state machine, so the cluster's shape is
 * tested code, not template text.
 */
public final class ClusterRequestBuilder {
  /** The tag the EMR managed policies (v2) require on every resource they act on. */
  public static final String MANAGED_POLICY_TAG = "for-use-with-amazon-emr-managed-policies";

  /** The tag naming the run a cluster was created for (the orphan cleanup terminates a failed run's clusters by it). */
  public static final String RUN_ID_TAG = "tributary:run-id";

  private ClusterRequestBuilder() {}

  public static ObjectNode build(ClusterSpec spec, String runId) {
    ObjectNode request = Json.object();
    request.put("Name", spec.name() + " " + runId);
    request.put("ReleaseLabel", spec.releaseLabel());
    request.putArray("Applications").addObject().put("Name", "Spark");
    request.set("Instances", instances(spec));
    ArrayNode bootstrap = request.putArray("BootstrapActions");
    for (int i = 0; i < spec.bootstrapActions().size(); i++) {
      ClusterSpec.BootstrapAction script = spec.bootstrapActions().get(i);
      ObjectNode action = bootstrap.addObject();
      action.put("Name", "tributary-bootstrap-" + (i + 1));
      ObjectNode scriptAction = action.putObject("ScriptBootstrapAction").put("Path", script.path());
      script.args().forEach(scriptAction.putArray("Args")::add);
    }
    ArrayNode configurations = request.putArray("Configurations");
    ObjectNode sparkDefaults = configurations.addObject().put("Classification", "spark-defaults");
    ObjectNode properties = sparkDefaults.putObject("Properties");
    // delta-defaults (below) only puts Delta's jars on the classpath; its session extension and catalog are
    // Spark settings. https://docs.aws.amazon.com/emr/latest/ReleaseGuide/Deltausing-cluster-spark.html
    Map<String, String> merged = new TreeMap<>(Map.of(
        "spark.sql.session.timeZone", "UTC",
        "spark.sql.parquet.datetimeRebaseModeInWrite", "CORRECTED",
        "spark.sql.parquet.int96RebaseModeInWrite", "CORRECTED",
        "spark.sql.extensions", "io.delta.sql.DeltaSparkSessionExtension",
        "spark.sql.catalog.spark_catalog", "org.apache.spark.sql.delta.catalog.DeltaCatalog",
        // Each Delta commit lists the table's files in its checksum: a current-state merge needs no Spark job to
        // find them (KeyedMerge.FILES_IN_CHECKSUM).
        "spark.databricks.delta.allFilesInCrc.enabled", "true"));
    merged.putAll(spec.sparkDefaults());
    merged.forEach(properties::put);
    // EMR 7 ships Delta Lake; this classification puts it on Spark's classpath for table-format outputs.
    configurations.addObject().put("Classification", "delta-defaults").putObject("Properties").put("delta.enabled", "true");
    request.put("LogUri", spec.logUri());
    request.put("ServiceRole", spec.serviceRole());
    request.put("JobFlowRole", spec.jobFlowRole());
    // Encryption at rest (local disks, EMRFS) and in transit (TLS between nodes), defined in the stack.
    // https://docs.aws.amazon.com/emr/latest/ManagementGuide/emr-security-configurations.html
    // The state machine passes the field: a cluster without one would fail there, so it fails here.
    request.put("SecurityConfiguration", spec.securityConfiguration().orElseThrow(() -> new IllegalStateException(
        "the cluster has no EMR security configuration: the stack names one in EMR_SECURITY_CONFIGURATION")));
    request.put("StepConcurrencyLevel", spec.stepConcurrency());
    request.putObject("AutoTerminationPolicy").put("IdleTimeout", spec.idleTimeoutSeconds());
    ArrayNode tags = request.putArray("Tags");
    new TreeMap<>(spec.tags()).forEach((key, value) -> tags.addObject().put("Key", key).put("Value", value));
    tags.addObject().put("Key", RUN_ID_TAG).put("Value", runId);
    // AmazonEMRServicePolicy_v2 acts only on resources tagged so: without it, creating the cluster is denied.
    // https://docs.aws.amazon.com/emr/latest/ManagementGuide/emr-managed-iam-policies.html
    tags.addObject().put("Key", MANAGED_POLICY_TAG).put("Value", "true");
    return request;
  }

  private static ObjectNode instances(ClusterSpec spec) {
    ObjectNode instances = Json.object();
    ArrayNode groups = instances.putArray("InstanceGroups");
    groups.addObject().put("Name", "primary").put("InstanceRole", "MASTER").put("Market", "ON_DEMAND")
        .put("InstanceType", spec.masterInstanceType()).put("InstanceCount", 1);
    groups.addObject().put("Name", "core").put("InstanceRole", "CORE")
        .put("Market", spec.coreOnSpot() ? "SPOT" : "ON_DEMAND")
        .put("InstanceType", spec.coreInstanceType()).put("InstanceCount", spec.coreInstanceCount());
    instances.put("Ec2SubnetId", spec.subnetId());
    spec.ec2KeyName().ifPresent(key -> instances.put("Ec2KeyName", key));
    // The steps are submitted after creation: the cluster must wait for them, and must be terminable.
    instances.put("KeepJobFlowAliveWhenNoSteps", true);
    instances.put("TerminationProtected", false);
    return instances;
  }
}
