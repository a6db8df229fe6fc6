package io.tributary.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tributary.core.config.JobConfig;
import io.tributary.core.config.JobTableParser;
import io.tributary.core.history.RunRecord;
import io.tributary.core.history.RunRecordJson;
import io.tributary.core.run.DeploymentSettings;
import io.tributary.orchestration.emr.StepSettings;
import io.tributary.spark.convert.S3dbSampleData;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shaded job jar as EMR runs it: {@code org.apache.spark.deploy.SparkSubmit} in a child JVM whose
 * classpath is Spark's own jars (the provided scope, the Spark 3.5 of EMR 7) plus only the EMR jar, with
 * exactly the step arguments the cluster request builds, for each job kind. A class missing from the jar, or
 * a dependency clashing with Spark's, fails here rather than on a cluster.
 */
class EmrJarSparkSubmitTest {
  static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
  @TempDir static Path work;
  static LocalPostgres postgres;
  static Path jar;
  static String sparkClasspath;

  @BeforeAll
  static void start() throws Exception {
    try (Stream<Path> files = Files.list(ROOT.resolve("spark-jobs/target"))) {
      jar = files.filter(p -> p.getFileName().toString().matches("spark-jobs-.*-emr\\.jar")).findFirst().orElseThrow();
    }
    // Spark ships slf4j-api and Jackson too; here they resolve in compile scope (the core uses them), so they
    // are missing from the provided list and taken from this test's classpath, same versions.
    List<String> shared = Stream.of(System.getProperty("java.class.path").split(java.io.File.pathSeparator))
        .filter(p -> p.contains("/org/slf4j/slf4j-api/") || p.contains("/com/fasterxml/jackson/")).toList();
    sparkClasspath = Files.readString(ROOT.resolve("spark-jobs/target/spark-classpath.txt")).strip()
        + java.io.File.pathSeparator + String.join(java.io.File.pathSeparator, shared);
    postgres = LocalPostgres.start("sales", work.resolve("pg"));
    try (Connection connection = postgres.connect()) {
      SampleTables.create(connection, 2_000, 2);
    }
  }

  @AfterAll
  static void stop() throws Exception {
    postgres.close();
  }

  /** Runs the step of {@code job}'s first window as command-runner.jar would, locally; returns its run record. */
  RunRecord submit(JobConfig job) throws Exception {
    return submit(job, java.util.Map.of());
  }

  /**
   * As above, with {@code environment} added, and the spark-defaults of the cluster request (as EMR writes them
   * to spark-defaults.conf) given as {@code --conf}.
   */
  RunRecord submit(JobConfig job, java.util.Map<String, String> environment) throws Exception {
    StepSettings steps = new StepSettings("file:" + jar, DeploymentSettings.defaults(postgres.secrets()),
        work.resolve("runs").toUri().toString().replaceAll("/$", ""));
    String runId = "step-" + job.name();
    List<String> args = new ArrayList<>(steps.commandArgs(job, job.window(), runId));
    assertEquals(List.of("spark-submit", "--deploy-mode", "cluster"), args.subList(0, 3));
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
    ManagementFactory.getRuntimeMXBean().getInputArguments().stream().filter(a -> a.startsWith("--add-opens"))
        .forEach(command::add);
    command.addAll(List.of("-cp", sparkClasspath, "org.apache.spark.deploy.SparkSubmit", "--master", "local[2]"));
    io.tributary.orchestration.emr.ClusterRequestBuilder.build(io.tributary.local.sfn.LocalOrchestration.LOCAL_CLUSTER,
        "r").get("Configurations").get(0).get("Properties").fields()
        .forEachRemaining(conf -> command.addAll(List.of("--conf", conf.getKey() + "=" + conf.getValue().asText())));
    command.addAll(args.subList(3, args.size())); // --class <entry point> <jar> <step arguments>, as built
    Path log = work.resolve(runId + ".log");
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
    builder.environment().put("SPARK_LOCAL_IP", "127.0.0.1");
    builder.environment().putAll(environment);
    Process process = builder.start();
    assertTrue(process.waitFor(5, TimeUnit.MINUTES), "spark-submit finished");
    assertEquals(0, process.exitValue(), Files.readString(log));
    return RunRecordJson.read(Files.readString(Path.of(java.net.URI.create(steps.recordFile(runId)))));
  }

  @Test
  void everyKindsStepRunsFromTheEmrJarOnSparksOwnClasspath() throws Exception {
    Path lake = work.resolve("lake");
    Path feeds = work.resolve("gz");
    S3dbSampleData sample = new S3dbSampleData(feeds, 2, 1);
    sample.writeDataset("caiso", "prices", Instant.parse("2018-11-01T00:00:00Z"));
    Path config = ROOT.resolve("config/warehouse/deposits.yml");
    List<JobConfig> jobs = JobTableParser.parse("test", "job_name|load_date|load_window_start|load_window_stop"
        + "|job_flow_id|job_status|output_dir|script_source|database_name|table_name|window_db_column"
        + "|partition_by_col|lower_bound|upper_bound|num_partitions|options\n"
        + "deposit|-|2018-11-01 00:00:00|2018-11-02 00:00:00|-|PENDING|" + lake.toUri() + "|jdbc-ingest|sales"
        + "|deposits|shipmt_date_tstmp|quarter|1|1000|2|-\n"
        + "prices|-|2018-11-01 00:00:00|2018-11-02 00:00:00|-|PENDING|" + lake.resolve("converted").toUri()
        + "|convert|-|-|-|-|-|-|-|source=" + feeds.toUri() + ";format=parquet;compression=zst;layout=athena;"
        + "partition_size=day\n"
        + "wh|-|2018-11-01 00:00:00|2018-11-02 00:00:00|-|PENDING|" + lake.toUri() + "|warehouse-load|-|-|-|-|-|-|-"
        + "|schema=warehouse;tables=deposits;source_job=deposit;config=" + config.toUri() + ";secret_source="
        + postgres.secrets() + "\n");

    RunRecord ingested = submit(jobs.get(0));
    RunRecord converted = submit(jobs.get(1));
    RunRecord loaded = submit(jobs.get(2));

    assertEquals(1000, ingested.rowsWritten());
    assertTrue(Files.isDirectory(lake.resolve("sales/deposits/original/incremental/load_date=2018-11-01")));
    assertEquals(48, converted.rowsWritten());
    assertTrue(Files.exists(lake.resolve("converted/caiso/prices/year=2018/month=11/day=01")));
    assertEquals(1000, loaded.rowsWritten());
    try (Connection connection = postgres.connect(); ResultSet rows = connection.createStatement()
        .executeQuery("SELECT count(*) FROM warehouse.deposits")) {
      rows.next();
      assertEquals(1000, rows.getLong(1));
    }
  }

  @Test
  void theCubicStepAndADeltaWindowRunFromTheEmrJarWithTheClustersSparkDefaults() throws Exception {
    Path lake = work.resolve("delta-lake");
    Path cubic = work.resolve("cubic");
    CubicDemoFeed.write(cubic.resolve("incoming"), Instant.parse("2018-11-01T00:00:00Z"));
    List<JobConfig> jobs = JobTableParser.parse("test", "job_name|load_date|load_window_start|load_window_stop"
        + "|job_flow_id|job_status|output_dir|script_source|database_name|table_name|window_db_column"
        + "|partition_by_col|lower_bound|upper_bound|num_partitions|options\n"
        + "deposit_delta|-|2018-11-01 00:00:00|2018-11-02 00:00:00|-|PENDING|" + lake.toUri() + "|jdbc-ingest|sales"
        + "|deposits|shipmt_date_tstmp|quarter|1|1000|2|output_format=delta\n"
        + "cubic|-|2018-11-01 00:00:00|2018-11-02 00:00:00|-|PENDING|" + cubic.toUri() + "|cubic-ingest|-|-|-|-|-|-|-"
        + "|incoming=" + cubic.resolve("incoming").toUri() + ";springboard=" + cubic.resolve("springboard").toUri()
        + ";archive=" + cubic.resolve("archive").toUri() + ";error=" + cubic.resolve("error").toUri()
        + ";tables=*;dfm_grace_minutes=0\n");
    try (io.tributary.aws.local.DynamoDbLocalProcess dynamo = io.tributary.aws.local.DynamoDbLocalProcess.start();
        software.amazon.awssdk.services.dynamodb.DynamoDbClient client = dynamo.client()) {
      io.tributary.aws.dynamodb.CubicRegistryTables.defaults().createIfMissing(client);

      RunRecord delta = submit(jobs.get(0));
      // The step's JVM is told where DynamoDB is as the AWS SDK is told anywhere: nothing of this process's state
      // (a system property, a client) reaches it.
      RunRecord ingested = submit(jobs.get(1), java.util.Map.of("AWS_ENDPOINT_URL_DYNAMODB",
          dynamo.endpoint().toString(), "AWS_REGION", "us-east-1", "AWS_ACCESS_KEY_ID", "local",
          "AWS_SECRET_ACCESS_KEY", "local"));

      assertEquals(1000, delta.rowsWritten());
      assertTrue(Files.isDirectory(lake.resolve("sales/deposits/original/incremental/_delta_log")), "a Delta table");
      assertTrue(ingested.rowsWritten() > 1000, "the snapshot and the change files: " + ingested.rowsWritten());
      assertTrue(Files.isDirectory(cubic.resolve("springboard/current/cubic/ods_qlik/EDW.SAMPLE/_delta_log")),
          "the current state, merged with Delta on Spark's classpath as EMR's delta-defaults puts it");
      assertTrue(Files.exists(cubic.resolve("archive/cubic/ods_qlik/EDW.SAMPLE/snapshot=20181101T000000Z"
          + "/LOAD00000001.csv.gz")));
      assertTrue(Files.exists(cubic.resolve("error/cubic/ods_qlik/EDW.SAMPLE__ct/timestamp=20181101T000300Z"
          + "/20181101-000300000.csv.gz")), "the corrupt file errored");
    }
  }
}
