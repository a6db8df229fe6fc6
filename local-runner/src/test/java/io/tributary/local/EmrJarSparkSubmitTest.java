package io.tributary.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tributary.aws.AwsClients;
import io.tributary.aws.dynamodb.CubicRegistryTables;
import io.tributary.aws.local.DynamoDbLocalProcess;
import io.tributary.convert.S3dbSampleData;
import io.tributary.core.config.JobConfig;
import io.tributary.core.config.JobTableParser;
import io.tributary.core.history.RunRecord;
import io.tributary.core.history.RunRecordJson;
import io.tributary.core.run.DeploymentSettings;
import io.tributary.local.sfn.LocalOrchestration;
import io.tributary.orchestration.emr.ClusterRequestBuilder;
import io.tributary.orchestration.emr.StepSettings;
import io.tributary.spark.StepEnvironment;
import io.tributary.spark.StepRun;
import io.tributary.spark.testing.LocalS3;
import io.tributary.spark.testing.TestSpark;
import io.tributary.storage.FileStores;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The shaded job jar as EMR runs it, on a cluster of processes: {@code org.apache.spark.deploy.SparkSubmit} of the
 * EMR jar, with exactly the step arguments and spark-defaults the cluster request builds, against a Spark
 * standalone master with two workers whose executors run in JVMs of their own, on Spark's own jars (the provided
 * scope) plus S3A, the lake on the local S3 server. A class missing from the jar, a dependency clashing with Spark's,
 * a closure that does not serialize, a service looked up on the driver or a driver-local path fails here. Each job
 * kind's output is compared with the same step run in this JVM's local Spark.
 */
class EmrJarSparkSubmitTest {
  static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
  static final String HEADER = "job_name|load_date|load_window_start|load_window_stop|job_flow_id|job_status"
      + "|output_dir|script_source|database_name|table_name|window_db_column|partition_by_col|lower_bound"
      + "|upper_bound|num_partitions|options\n";
  @TempDir static Path work;
  static LocalPostgres postgres;
  static LocalS3 s3;
  static SparkStandalone cluster;
  static Path jar;

  @BeforeAll
  static void start() throws Exception {
    try (Stream<Path> files = Files.list(ROOT.resolve("spark-jobs/target"))) {
      jar = files.filter(p -> p.getFileName().toString().matches("spark-jobs-.*-emr\\.jar")).findFirst().orElseThrow();
    }
    postgres = LocalPostgres.start("sales", work.resolve("pg"));
    try (Connection connection = postgres.connect()) {
      SampleTables.create(connection, 2_000, 2);
    }
    s3 = LocalS3.start(work.resolve("s3"));
    s3.bucket("lake");
    // Two cores a worker: two steps run at once, each with one executor on either worker.
    cluster = SparkStandalone.start(work.resolve("cluster"), ROOT.resolve("spark-jobs/target/spark-classpath.txt"), 2,
        2, "1g");
    s3.configure(TestSpark.get().sparkContext().hadoopConfiguration());
  }

  @AfterAll
  static void stop() throws Exception {
    cluster.close();
    s3.close();
    postgres.close();
  }

  static StepSettings steps() {
    return new StepSettings("file:" + jar, DeploymentSettings.defaults(postgres.secrets()),
        work.resolve("runs").toUri().toString().replaceAll("/$", ""));
  }

  /** A step submitted to the cluster: its process, its log and the run record it writes. */
  record Submitted(String job, Process process, Path log, String recordFile) {

    /** Waits for the step to end, checks it succeeded and returns its run record. */
    RunRecord await() throws Exception {
      assertTrue(process.waitFor(5, TimeUnit.MINUTES), "spark-submit of " + job + " finished");
      assertEquals(0, process.exitValue(), Files.readString(log));
      return RunRecordJson.read(Files.readString(Path.of(URI.create(recordFile))));
    }
  }

  /**
   * Starts the step of {@code job}'s first window as command-runner.jar would, on the cluster, with {@code
   * environment} added to the driver's, and the cluster request's spark-defaults (as EMR writes them to
   * spark-defaults.conf) and the lake's S3A settings as {@code --conf}.
   */
  static Submitted submit(JobConfig job, Map<String, String> environment) throws Exception {
    StepSettings steps = steps();
    String runId = "step-" + job.name();
    List<String> args = new ArrayList<>(steps.commandArgs(job, job.window(), runId));
    assertEquals(List.of("spark-submit", "--deploy-mode", "cluster"), args.subList(0, 3));
    List<String> command = SparkStandalone.javaCommand();
    // The driver in this client process, as EMR's YARN cluster mode keeps it on a node apart from the executors.
    command.addAll(List.of("-cp", cluster.home().resolve("jars") + java.io.File.separator + "*",
        "org.apache.spark.deploy.SparkSubmit", "--master", cluster.masterUrl(), "--deploy-mode", "client"));
    ClusterRequestBuilder.build(LocalOrchestration.LOCAL_CLUSTER, "r").get("Configurations").get(0)
        .get("Properties").fields()
        .forEachRemaining(conf -> command.addAll(List.of("--conf", conf.getKey() + "=" + conf.getValue().asText())));
    s3.settings().forEach((key, value) -> command.addAll(List.of("--conf", "spark.hadoop." + key + "=" + value)));
    command.addAll(List.of("--conf", "spark.executor.cores=1", "--conf", "spark.executor.memory=512m",
        "--conf", "spark.cores.max=2", "--conf", "spark.driver.host=127.0.0.1"));
    command.addAll(args.subList(3, args.size())); // --class <entry point> <jar> <step arguments>, as built
    Path log = work.resolve(runId + ".log");
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
    builder.environment().put("SPARK_LOCAL_IP", "127.0.0.1");
    builder.environment().put("SPARK_HOME", cluster.home().toString());
    builder.environment().putAll(environment);
    return new Submitted(job.name(), builder.start(), log, steps.recordFile(runId));
  }

  /** The same step run in this JVM's local Spark, its DynamoDB {@code dynamo}; returns its run record. */
  static RunRecord runHere(JobConfig job, DynamoDbClient dynamo) throws Exception {
    List<String> args = steps().commandArgs(job, job.window(), "here-" + job.name());
    SparkSession spark = TestSpark.get();
    String[] stepArgs = args.subList(args.indexOf("--class") + 3, args.size()).toArray(String[]::new);
    var step = StepRun.read(job.kind(), stepArgs, uri -> FileStores.readText(uri,
        spark.sparkContext().hadoopConfiguration()));
    StepEnvironment environment = new StepEnvironment(spark.sparkContext().hadoopConfiguration(), Clock.systemUTC(),
        AwsClients.over(dynamo), Map.of());
    return StepRun.run(spark, step, environment, new PrintWriter(new StringWriter()));
  }

  /** The jobs of each kind writing below {@code lake}, the warehouse-load into {@code schema}. */
  static List<JobConfig> jobs(String lake, String feeds, String schema, String cubic) throws Exception {
    // The shipped table config names its schema, 'warehouse'; the run here loads a copy naming its own.
    Path shipped = ROOT.resolve("config/warehouse/deposits.yml");
    Path config = schema.equals("warehouse") ? shipped : Files.writeString(work.resolve(schema + ".yml"),
        Files.readString(shipped).replace("schema: warehouse", "schema: " + schema));
    return JobTableParser.parse("test", HEADER
        + "deposit|-|2018-11-01 00:00:00|2018-11-02 00:00:00|-|PENDING|" + lake + "|jdbc-ingest|sales"
        + "|deposits|shipmt_date_tstmp|quarter|1|1000|2|-\n"
        + "prices|-|2018-11-01 00:00:00|2018-11-02 00:00:00|-|PENDING|" + lake + "/converted|convert|-|-|-|-|-|-|-"
        + "|source=" + feeds + ";format=parquet;compression=zst;layout=athena;partition_size=day\n"
        + "wh|-|2018-11-01 00:00:00|2018-11-02 00:00:00|-|PENDING|" + lake + "|warehouse-load|-|-|-|-|-|-|-"
        + "|schema=" + schema + ";tables=deposits;source_job=deposit;config=" + config.toUri() + ";secret_source="
        + postgres.secrets() + "\n"
        + "cubic|-|2018-11-01 00:00:00|2018-11-02 00:00:00|-|PENDING|" + cubic + "|cubic-ingest|-|-|-|-|-|-|-"
        + "|incoming=" + cubic + "/incoming;springboard=" + cubic + "/springboard;archive=" + cubic + "/archive"
        + ";error=" + cubic + "/error;tables=*;dfm_grace_minutes=0\n");
  }

  @Test
  void everyKindRunsFromTheEmrJarOnAClusterOfProcessesAndWritesWhatALocalRunWrites() throws Exception {
    Path bucket = s3.root().resolve("lake");
    new S3dbSampleData(bucket.resolve("gz"), 2, 1).writeDataset("caiso", "prices", Instant.parse("2018-11-01T00:00:00Z"));
    new S3dbSampleData(work.resolve("gz"), 2, 1).writeDataset("caiso", "prices", Instant.parse("2018-11-01T00:00:00Z"));
    CubicDemoFeed.write(bucket.resolve("cubic/incoming"), Instant.parse("2018-11-01T00:00:00Z"));
    CubicDemoFeed.write(work.resolve("cubic/incoming"), Instant.parse("2018-11-01T00:00:00Z"));
    Path local = work.resolve("lake");
    List<JobConfig> onCluster = jobs("s3a://lake", "s3a://lake/gz", "warehouse", "s3a://lake/cubic");
    List<JobConfig> here = jobs(local.toUri().toString().replaceAll("/$", ""), work.resolve("gz").toUri().toString(),
        "warehouse_here", work.resolve("cubic").toUri().toString().replaceAll("/$", ""));

    try (DynamoDbLocalProcess clusterDynamo = DynamoDbLocalProcess.start();
        DynamoDbClient clusterRegistry = clusterDynamo.client();
        DynamoDbLocalProcess hereDynamo = DynamoDbLocalProcess.start();
        DynamoDbClient hereRegistry = hereDynamo.client()) {
      CubicRegistryTables.defaults().createIfMissing(clusterRegistry);
      CubicRegistryTables.defaults().createIfMissing(hereRegistry);
      // The step's JVM is told where DynamoDB is as the AWS SDK is told anywhere: nothing of this process's state
      // (a system property, a client) reaches it.
      Map<String, String> dynamo = Map.of("AWS_ENDPOINT_URL_DYNAMODB", clusterDynamo.endpoint().toString(),
          "AWS_REGION", "us-east-1", "AWS_ACCESS_KEY_ID", "local", "AWS_SECRET_ACCESS_KEY", "local");
      // Two steps at a time, as two applications on the cluster, while the same two run here; the warehouse load
      // reads the deposit job's window, so it starts once that has ended.
      for (int[] pair : new int[][] {{0, 1}, {2, 3}}) {
        List<Submitted> running = List.of(submit(onCluster.get(pair[0]), dynamo),
            submit(onCluster.get(pair[1]), dynamo));
        List<RunRecord> mine = List.of(runHere(here.get(pair[0]), hereRegistry),
            runHere(here.get(pair[1]), hereRegistry));
        for (int k = 0; k < 2; k++) {
          int i = pair[k];
          RunRecord remote = running.get(k).await();
          assertEquals(mine.get(k).rowsRead(), remote.rowsRead(), onCluster.get(i).name());
          assertEquals(mine.get(k).rowsWritten(), remote.rowsWritten(), onCluster.get(i).name());
        }
      }
    }

    assertEquals(1000, sameRows("parquet", "s3a://lake/sales/deposits/original/incremental/load_date=2018-11-01",
        local.resolve("sales/deposits/original/incremental/load_date=2018-11-01")));
    assertEquals(48, sameRows("parquet", "s3a://lake/converted/caiso/prices/year=2018/month=11/day=01",
        local.resolve("converted/caiso/prices/year=2018/month=11/day=01")));
    long current = sameRows("delta", "s3a://lake/cubic/springboard/current/cubic/ods_qlik/EDW.SAMPLE",
        work.resolve("cubic/springboard/current/cubic/ods_qlik/EDW.SAMPLE"));
    assertTrue(current > 900, "the current state merged on the cluster: " + current);
    assertTrue(Files.exists(bucket.resolve("cubic/archive/cubic/ods_qlik/EDW.SAMPLE/snapshot=20181101T000000Z"
        + "/LOAD00000001.csv.gz")), "archived through S3A");
    assertTrue(Files.exists(bucket.resolve("cubic/error/cubic/ods_qlik/EDW.SAMPLE__ct/timestamp=20181101T000300Z"
        + "/20181101-000300000.csv.gz")), "the corrupt file errored");
    try (Connection connection = postgres.connect(); ResultSet rows = connection.createStatement().executeQuery(
        "SELECT (SELECT count(*) FROM warehouse.deposits), (SELECT count(*) FROM (SELECT * FROM warehouse.deposits"
            + " EXCEPT SELECT * FROM warehouse_here.deposits) d)")) {
      rows.next();
      assertEquals(1000, rows.getLong(1));
      assertEquals(0, rows.getLong(2), "the warehouse table loaded on the cluster is the one loaded here");
    }
    List<Path> executors = cluster.executorDirectories();
    assertTrue(executors.size() >= 2 * onCluster.size(), "each step's executors ran in JVMs of their own on both"
        + " workers: " + executors);
  }

  /** The rows of {@code format} at {@code remote} (the cluster's lake) and {@code local} are the same; their count. */
  static long sameRows(String format, String remote, Path local) {
    SparkSession spark = TestSpark.get();
    Dataset<Row> there = spark.read().format(format).load(remote);
    Dataset<Row> mine = spark.read().format(format).load(local.toString());
    assertEquals(0, there.exceptAll(mine).count(), remote + " has rows the local run has not");
    assertEquals(0, mine.exceptAll(there).count(), local + " has rows the cluster's run has not");
    return there.count();
  }
}
