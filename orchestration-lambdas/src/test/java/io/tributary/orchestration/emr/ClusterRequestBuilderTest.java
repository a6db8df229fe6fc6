package io.tributary.orchestration.emr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.tributary.core.config.JobConfig;
import io.tributary.core.config.JobTableParser;
import io.tributary.core.secret.SecretSourceSpec;
import io.tributary.core.run.StepDocument;
import io.tributary.core.run.KindNamespaces;
import io.tributary.core.run.DeploymentSettings;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** EMR cannot run here: these tests check the requests Tributary builds for it, field by field. */
@Tag("fast")
public class ClusterRequestBuilderTest {
  public static ClusterSpec spec(boolean spot) {
    return new ClusterSpec("tributary", "emr-7.12.0", "s3://logs-bucket/emr/", "EMR_DefaultRole_V2",
        "EMR_EC2_DefaultRole", "subnet-0abc", Optional.of("ops-key"), "m6g.xlarge", "r6g.2xlarge", 3, spot,
        List.of(new ClusterSpec.BootstrapAction("s3://artifacts/bootstrap/install-tributary.sh",
            List.of("db-url", "db-user", "db-password"))), Map.of("spark.executor.memory", "12g"), 4, 3600,
        Map.of("team", "data-platform")).withSecurityConfiguration(Optional.of("tributary-prod-encryption"));
  }

  @Test
  void requestCarriesEveryConfiguredField() {
    JsonNode request = ClusterRequestBuilder.build(spec(true), "exec-42");

    assertEquals("tributary exec-42", request.get("Name").asText());
    assertEquals("emr-7.12.0", request.get("ReleaseLabel").asText());
    assertEquals("Spark", request.get("Applications").get(0).get("Name").asText());
    assertEquals("s3://logs-bucket/emr/", request.get("LogUri").asText());
    assertEquals("EMR_DefaultRole_V2", request.get("ServiceRole").asText());
    assertEquals("EMR_EC2_DefaultRole", request.get("JobFlowRole").asText());
    assertEquals("tributary-prod-encryption", request.get("SecurityConfiguration").asText());
    assertEquals(4, request.get("StepConcurrencyLevel").asInt());
    assertEquals(3600, request.get("AutoTerminationPolicy").get("IdleTimeout").asLong());
    JsonNode instances = request.get("Instances");
    assertEquals("subnet-0abc", instances.get("Ec2SubnetId").asText());
    assertEquals("ops-key", instances.get("Ec2KeyName").asText());
    assertTrue(instances.get("KeepJobFlowAliveWhenNoSteps").asBoolean());
    assertFalse(instances.get("TerminationProtected").asBoolean());
    JsonNode primary = instances.get("InstanceGroups").get(0);
    assertEquals("MASTER", primary.get("InstanceRole").asText());
    assertEquals("ON_DEMAND", primary.get("Market").asText());
    assertEquals("m6g.xlarge", primary.get("InstanceType").asText());
    assertEquals(1, primary.get("InstanceCount").asInt());
    JsonNode core = instances.get("InstanceGroups").get(1);
    assertEquals("CORE", core.get("InstanceRole").asText());
    assertEquals("SPOT", core.get("Market").asText());
    assertEquals("r6g.2xlarge", core.get("InstanceType").asText());
    assertEquals(3, core.get("InstanceCount").asInt());
    JsonNode bootstrap = request.get("BootstrapActions").get(0);
    assertEquals("s3://artifacts/bootstrap/install-tributary.sh", bootstrap.get("ScriptBootstrapAction").get("Path").asText());
    assertEquals("[\"db-url\",\"db-user\",\"db-password\"]", bootstrap.get("ScriptBootstrapAction").get("Args").toString(),
        "the stack's SSM parameter names, which the bootstrap script checks");
    JsonNode sparkDefaults = request.get("Configurations").get(0);
    assertEquals("spark-defaults", sparkDefaults.get("Classification").asText());
    assertEquals("12g", sparkDefaults.get("Properties").get("spark.executor.memory").asText());
    assertEquals("UTC", sparkDefaults.get("Properties").get("spark.sql.session.timeZone").asText());
    assertEquals("CORRECTED", sparkDefaults.get("Properties").get("spark.sql.parquet.datetimeRebaseModeInWrite").asText());
    assertEquals("io.delta.sql.DeltaSparkSessionExtension",
        sparkDefaults.get("Properties").get("spark.sql.extensions").asText(), "Delta's MERGE needs the extension");
    assertEquals("org.apache.spark.sql.delta.catalog.DeltaCatalog",
        sparkDefaults.get("Properties").get("spark.sql.catalog.spark_catalog").asText());
    assertEquals("true", sparkDefaults.get("Properties").get("spark.databricks.delta.allFilesInCrc.enabled").asText(),
        "a current-state merge finds the table's files in the last commit's checksum");
    JsonNode delta = request.get("Configurations").get(1);
    assertEquals("delta-defaults", delta.get("Classification").asText());
    assertEquals("true", delta.get("Properties").get("delta.enabled").asText());
    assertEquals("[{\"Key\":\"team\",\"Value\":\"data-platform\"},{\"Key\":\"tributary:run-id\",\"Value\":\"exec-42\"},"
        + "{\"Key\":\"for-use-with-amazon-emr-managed-policies\",\"Value\":\"true\"}]",
        request.get("Tags").toString(), "the managed-policy tag, or AmazonEMRServicePolicy_v2 denies the cluster");
  }

  @Test
  void aClusterWithoutASecurityConfigurationIsRefusedBeforeTheStateMachineFailsOnIt() {
    assertTrue(assertThrows(IllegalStateException.class, () -> ClusterRequestBuilder.build(
        spec(true).withSecurityConfiguration(Optional.empty()), "r")).getMessage().contains("EMR_SECURITY_CONFIGURATION"));
  }

  @Test
  void onDemandCoreNodesWithoutSpot() {
    assertEquals("ON_DEMAND", ClusterRequestBuilder.build(spec(false), "r").get("Instances").get("InstanceGroups")
        .get(1).get("Market").asText());
  }

  @Test
  void specRefusesWhatEmrWouldRejectLater() {
    assertTrue(assertThrows(IllegalArgumentException.class, () -> new ClusterSpec("t", "emr-6.15.0", "s3://l", "r",
        "r", "s", Optional.empty(), "m", "m", 1, false, List.of(), Map.of(), 1, 3600, Map.of())).getMessage()
        .contains("not emr-7.11.0 or later"));
    // emr-7.5.0 ships Delta Lake 3.2.1; the jobs use 3.3.2's classes (deletion vectors, checksummed file lists).
    assertTrue(assertThrows(IllegalArgumentException.class, () -> new ClusterSpec("t", "emr-7.5.0", "s3://l", "r",
        "r", "s", Optional.empty(), "m", "m", 1, false, List.of(), Map.of(), 1, 3600, Map.of())).getMessage()
        .contains("Delta Lake 3.3.2"));
    assertThrows(IllegalArgumentException.class, () -> new ClusterSpec("t", "emr-7.12.0", "s3://l", "r", "r", "s",
        Optional.empty(), "m", "m", 1, false, List.of(), Map.of(), 1, 30, Map.of()));
  }

  @Test
  void stepRunsSparkSubmitOfTheJobJarWithTheWindowAndRecordFile() {
    JobConfig job = JobTableParser.parse("t", "job_name|load_date|load_window_start|load_window_stop|job_flow_id"
        + "|job_status|output_dir|script_source|database_name|table_name|window_db_column|partition_by_col"
        + "|lower_bound|upper_bound|num_partitions\n"
        + "deposit|-|2018-11-04 00:00:00|2018-11-05 00:00:00|-|PENDING|s3://lake/RAW|jdbc-ingest|sales|deposits"
        + "|created_at|quarter|1|1000|4").get(0);
    StepSettings steps = new StepSettings("s3://artifacts/jars/spark-jobs-emr.jar", new DeploymentSettings(
        SecretSourceSpec.parse("ssm"), KindNamespaces.parse("{\"jdbc-ingest\": {\"codec\": \"zstd\"}}")),
        "s3://artifacts/runs");

    List<String> args = steps.commandArgs(job, job.window(), "exec-42");

    assertEquals(List.of("spark-submit", "--deploy-mode", "cluster", "--class", "io.tributary.spark.JdbcIngestMain",
        "s3://artifacts/jars/spark-jobs-emr.jar", "--step"), args.subList(0, 7));
    assertEquals(8, args.size(), "one document after the jar");
    StepDocument step = StepDocument.parse(args.get(7));
    assertEquals(job, step.job());
    assertEquals(job.window(), step.window());
    assertEquals("exec-42", step.runId());
    assertEquals(SecretSourceSpec.parse("ssm"), step.secrets());
    assertEquals(Map.of("codec", "zstd"), step.settings(), "the job's kind's settings, and only those");
    assertEquals(Optional.of("s3://artifacts/runs/exec-42.json"), step.recordFile());
  }

  @Test
  void aConvertJobsStepRunsConvertMainWithoutCredentialsAndALiveFillNamesItsObjects() {
    JobConfig job = JobTableParser.parse("t", "job_name|load_date|load_window_start|load_window_stop|job_flow_id"
        + "|job_status|output_dir|script_source|database_name|table_name|window_db_column|partition_by_col"
        + "|lower_bound|upper_bound|num_partitions|options\n"
        + "prices|-|2020-01-01 00:00:00|2020-01-02 00:00:00|-|PENDING|s3://out/parquet|convert|-|-|-|-|-|-|-"
        + "|source=s3://feeds/gz;format=parquet;compression=zst;layout=athena;partition_size=day").get(0);
    StepSettings steps = new StepSettings("s3://artifacts/jars/spark-jobs-emr.jar", new DeploymentSettings(
        SecretSourceSpec.parse("ssm"), KindNamespaces.parse("{\"jdbc-ingest\": {\"codec\": \"zstd\"}}")),
        "s3://artifacts/runs");
    List<String> changed = List.of("s3://feeds/gz/caiso/prices/year=2020/1577836800.csv.gz",
        "s3://feeds/gz/caiso/prices/year=2020/1577923200.csv.gz");

    List<String> backfill = steps.commandArgs(job, job.window(), "exec-7");
    List<String> liveFill = steps.commandArgs(job, job.window(), "exec-8", changed);

    assertEquals(List.of("spark-submit", "--deploy-mode", "cluster", "--class", "io.tributary.spark.ConvertMain",
        "s3://artifacts/jars/spark-jobs-emr.jar", "--step"), backfill.subList(0, 7));
    StepDocument window = StepDocument.parse(backfill.get(7));
    assertEquals(job, window.job());
    assertEquals(List.of(), window.changedObjects());
    assertEquals(Map.of(), window.settings(), "no codec: a jdbc-ingest setting");
    assertFalse(backfill.get(7).contains("codec"), backfill.get(7));
    assertEquals(changed, StepDocument.parse(liveFill.get(7)).changedObjects());
    assertEquals(Optional.of("s3://artifacts/runs/exec-8.json"), StepDocument.parse(liveFill.get(7)).recordFile());
  }
}
