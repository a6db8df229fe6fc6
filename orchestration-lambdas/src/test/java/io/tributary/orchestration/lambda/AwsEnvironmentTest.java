package io.tributary.orchestration.lambda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.tributary.core.secret.SecretSourceSpec;
import io.tributary.core.run.KindNamespaces;
import io.tributary.core.run.DeploymentSettings;
import io.tributary.core.config.JobKind;
import io.tributary.orchestration.emr.ClusterSpec;
import io.tributary.orchestration.emr.StepSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The variables cloudformation/tributary.yaml sets are the ones the Lambdas read. */
@Tag("fast")
class AwsEnvironmentTest {
  static final Map<String, String> PLAN_RUN = Map.ofEntries(
      Map.entry("CONFIG_TABLE", "cfg"), Map.entry("HISTORY_TABLE", "hist"), Map.entry("MAX_WINDOWS_PER_RUN", "10"),
      Map.entry("MAX_CONCURRENT_JOBS", "4"), Map.entry("CLUSTER_NAME", "tributary-prod"),
      Map.entry("EMR_RELEASE_LABEL", "emr-7.12.0"), Map.entry("EMR_LOG_URI", "s3://data/emr-logs/"),
      Map.entry("EMR_SERVICE_ROLE", "svc"), Map.entry("EMR_INSTANCE_PROFILE", "profile"),
      Map.entry("EMR_SUBNET_ID", "subnet-1"), Map.entry("EMR_KEY_NAME", ""), Map.entry("EMR_MASTER_INSTANCE_TYPE", "m6g.xlarge"),
      Map.entry("EMR_CORE_INSTANCE_TYPE", "r6g.2xlarge"), Map.entry("EMR_CORE_INSTANCE_COUNT", "2"),
      Map.entry("EMR_CORE_SPOT", "true"), Map.entry("EMR_BOOTSTRAP_SCRIPTS", "s3://art/tributary/bootstrap/check-node.sh"),
      Map.entry("EMR_BOOTSTRAP_ARGS", "prod-jdbcurl,prod-user,prod-psswd"),
      Map.entry("EMR_STEP_CONCURRENCY", "4"), Map.entry("EMR_IDLE_TIMEOUT_SECONDS", "3600"), Map.entry("STACK_NAME", "prod"),
      Map.entry("EMR_SECURITY_CONFIGURATION", "prod-encryption"));

  @Test
  void planRunVariablesBuildTheClusterSpec() {
    ClusterSpec spec = new AwsEnvironment(PLAN_RUN).cluster();

    assertEquals(new ClusterSpec("tributary-prod", "emr-7.12.0", "s3://data/emr-logs/", "svc", "profile", "subnet-1",
        Optional.empty(), "m6g.xlarge", "r6g.2xlarge", 2, true, List.of(new ClusterSpec.BootstrapAction(
            "s3://art/tributary/bootstrap/check-node.sh", List.of("prod-jdbcurl", "prod-user", "prod-psswd"))),
        Map.of(), 4, 3600, Map.of("application", "tributary", "stack", "prod"), Optional.of("prod-encryption")), spec);
  }

  @Test
  void recordHistoryVariablesBuildTheStepSettings() {
    StepSettings steps = new AwsEnvironment(Map.of("SPARK_JAR_URI", "s3://art/tributary/spark-jobs-emr.jar",
        "SECRET_SOURCE", "ssm:a,b,c", "RUN_RECORD_ROOT", "s3://data/runs",
        "KIND_SETTINGS", "{\"cubic-ingest\": {\"tables_table\": \"t-1\", \"loads_table\": \"l-1\"}}")).steps();

    assertEquals(new StepSettings("s3://art/tributary/spark-jobs-emr.jar", new DeploymentSettings(
        SecretSourceSpec.parse("ssm:a,b,c"), KindNamespaces.defaults().with(JobKind.CUBIC_INGEST,
            Map.of("tables_table", "t-1", "loads_table", "l-1"))), "s3://data/runs"), steps);
    assertEquals("kind settings: 'cubic' is not a job kind, expected one of jdbc-ingest, convert, warehouse-load,"
        + " cubic-ingest", assertThrows(IllegalArgumentException.class, () -> new AwsEnvironment(Map.of(
            "KIND_SETTINGS", "{\"cubic\": {}}")).kindSettings()).getMessage());
  }

  @Test
  void aMissingVariableIsNamed() {
    Map<String, String> env = new HashMap<>(PLAN_RUN);
    env.remove("EMR_SUBNET_ID");

    assertEquals("environment variable EMR_SUBNET_ID is not set",
        assertThrows(IllegalStateException.class, () -> new AwsEnvironment(env).cluster()).getMessage());
  }

  @Test
  void theStackSetsEveryVariableTheLambdasRead() throws Exception {
    String template = Files.readString(Path.of("..", "cloudformation", "tributary.yaml"));
    for (String name : PLAN_RUN.keySet()) {
      assertEquals(true, template.contains(" " + name + ":"), name + " is not set by the stack");
    }
    for (String name : List.of("SPARK_JAR_URI", "SECRET_SOURCE", "RUN_RECORD_ROOT", "WINDOW_LEASE_HOURS",
        "RUN_SUMMARY_TOPIC_ARN", "DATA_BUCKET", "CONFIG_KEY")) {
      assertEquals(true, template.contains(" " + name + ":"), name + " is not set by the stack");
    }
  }
}
