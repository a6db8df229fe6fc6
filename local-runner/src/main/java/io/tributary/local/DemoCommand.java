package io.tributary.local;

import io.delta.tables.DeltaTable;
import io.tributary.core.config.ConversionSource;
import io.tributary.core.config.CubicSource;
import io.tributary.core.config.JdbcOutputFormat;
import io.tributary.core.config.JdbcSource;
import io.tributary.core.config.JobConfig;
import io.tributary.core.config.JobKind;
import io.tributary.core.config.JobTableParser;
import io.tributary.core.config.WarehouseSource;
import io.tributary.core.history.JobRun;
import io.tributary.core.kind.cubic.CubicLoad;
import io.tributary.core.kind.warehouse.WarehouseDialect;
import io.tributary.core.secret.SecretSourceSpec;
import io.tributary.core.storage.StorageUri;
import io.tributary.core.window.RawZoneLayout;
import io.tributary.local.sfn.LocalOrchestration;
import io.tributary.local.sfn.LocalStateMachine;
import io.tributary.orchestration.Json;
import io.tributary.spark.cubic.LoadTable;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code tributary demo}: the whole pipeline on embedded stand-ins. Starts PostgreSQL with the seed's
 * sample tables, writes S3DB sample feeds for the convert jobs, loads the job table into DynamoDB Local,
 * and runs the state machine (the definition deployed to AWS) with the real ASL interpreter: plan, a local
 * EMR cluster running each due window as a Spark step, history, window rotation, termination,
 * notification. Prints each window.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
    description = "Runs the whole pipeline locally: embedded PostgreSQL, DynamoDB Local, local Spark."
        + " No AWS account or network needed.")
final class DemoCommand implements Callable<Integer> {
  @Option(names = "--config", description = "The job table (default: ${DEFAULT-VALUE}).")
  Path config = Path.of("config", "config.txt");

  @Option(names = "--rows", description = "Rows per sample table (default: ${DEFAULT-VALUE}).")
  long rows = 200_000;

  @Option(names = "--days", description = "Days the sample rows span, from 2018-11-01 (default: ${DEFAULT-VALUE}).")
  int days = 4;

  @Option(names = "--lake", description = "The local lake every job writes to, replacing its output_dir"
      + " (default: ${DEFAULT-VALUE}).")
  Path lake = Path.of(".tributary", "lake");

  @Option(names = "--max-windows-per-run", description = "Catch-up limit per job (default: ${DEFAULT-VALUE}).")
  int maxWindowsPerRun = 10;

  @Option(names = "--state", description = "Where the demo keeps its job table, history and Cubic registry, cleared"
      + " each time; history and cubic loads read it by default (default: ${DEFAULT-VALUE}).")
  Path state = Path.of(".tributary", "state");

  @Spec CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    Path lakeDir = lake.toAbsolutePath().normalize();
    Path feeds = lakeDir.resolve("s3db");
    List<JobConfig> jobs = JobTableParser.parse(config).stream().map(job -> localized(job, lakeDir, feeds)).toList();
    // The demo's clock stands at the end of the sample data, so every day of it is a due window.
    Clock clock = Clock.fixed(SampleTables.FIRST_DAY.plus(Duration.ofDays(days)), ZoneOffset.UTC);
    long conversions = jobs.stream().filter(j -> j.kind() == JobKind.CONVERT).count();
    if (conversions > 0) {
      DemoFeeds.write(feeds, jobs, SampleTables.FIRST_DAY, days);
      out.printf("Wrote S3DB sample feeds (gzip CSV day files, one malformed row) for %d convert job(s) below %s%n",
          conversions, feeds);
    }
    if (jobs.stream().anyMatch(j -> j.kind() == JobKind.CUBIC_INGEST)) {
      int objects = CubicDemoFeed.write(lakeDir.resolve("cubic/incoming"), SampleTables.FIRST_DAY);
      out.printf("Wrote a Cubic feed (ODS snapshot, change files, DMAP, Kafka, one truncated gzip) of %d objects"
          + " below %s%n", objects, lakeDir.resolve("cubic/incoming"));
    }
    Path work = Files.createDirectories(Path.of(".tributary", "work")).toAbsolutePath();
    Path stateDir = state.toAbsolutePath().normalize();
    DemoState.reset(stateDir);
    out.printf("Starting embedded PostgreSQL, DynamoDB Local (state in %s) and local Spark...%n", state);
    out.flush();
    try (LocalPostgres postgres = LocalPostgres.start(databaseOf(jobs), work);
        LocalStores stores = LocalStores.start(Optional.of(stateDir))) {
      long started = System.nanoTime();
      try (Connection connection = postgres.connect()) {
        SampleTables.create(connection, rows, days);
      }
      out.printf("Created %s with %,d rows each over %d days in %.1f s; loading %d jobs from %s%n",
          String.join(", ", SampleTables.TABLES), rows, days, seconds(started), jobs.size(), config);
      out.flush();
      stores.configs().load(withLocalWarehouse(jobs, postgres.secrets()));
      SparkSession spark = LocalSpark.start("tributary-demo");
      Progress progress = Progress.of(spec.commandLine().getErr(), "windows");
      try (LocalOrchestration orchestration = new LocalOrchestration(RepositoryRoot.find(), stores.configs(),
          stores.history(), spark, stores.clients(), postgres.secrets(), work.resolve("runs"), clock, maxWindowsPerRun, null, false,
          progress.windows())) {
        out.printf("Running statemachine/ingestion.asl.json with the ASL interpreter (local EMR, local SNS)...%n");
        out.flush();
        Instant runBegan = Instant.now();
        LocalStateMachine.Execution execution = orchestration.execute(Json.object());
        int executions = 1;
        long transitions = execution.transitions();
        List<String> downstream = jobs.stream().filter(j -> j.source().upstreamJob().isPresent())
            .map(JobConfig::name).toList();
        if (execution.succeeded() && !downstream.isEmpty()) {
          // Jobs reading other jobs' windows (warehouse loads) see those published by the first execution.
          out.printf("Running it again for %s, which load the windows the first execution published...%n",
              String.join(", ", downstream));
          out.flush();
          var input = Json.object();
          downstream.forEach(input.putArray("jobs")::add);
          execution = orchestration.execute(input);
          executions++;
          transitions += execution.transitions();
        }
        CloudUsage usage = new CloudUsage(orchestration.emr().usage(), executions, transitions,
            orchestration.lambdaInvocations(), AwsRequestCounter.counts(),
            CloudUsage.LakeWrites.since(lakeDir, runBegan));
        progress.finish();
        List<JobConfig> finalJobs = stores.configs().all();
        Map<String, List<JobRun>> historyByJob = new LinkedHashMap<>();
        finalJobs.forEach(job -> historyByJob.put(job.name(), stores.history().runs(job.name())));
        List<JobRun> runs = new ArrayList<>();
        historyByJob.values().forEach(newestFirst -> {
          List<JobRun> oldestFirst = new ArrayList<>(newestFirst);
          Collections.reverse(oldestFirst);
          runs.addAll(oldestFirst);
        });
        out.println();
        out.print(RunTable.render(runs));
        out.println();
        for (JobConfig job : finalJobs) {
          out.printf("%-18s next window %s, status %s, %d runs in history%n", job.name(), job.window(),
              job.state().status(), historyByJob.get(job.name()).size());
        }
        for (JobConfig job : jobs) {
          if (job.kind() == JobKind.CONVERT) {
            Path rejected = Path.of(job.outputDir().uri()).resolve("_rejected");
            if (Files.isDirectory(rejected)) {
              try (var reports = Files.walk(rejected)) {
                reports.filter(Files::isRegularFile).forEach(r -> out.printf("%s: rejected rows kept in %s%n",
                    job.name(), r));
              }
            }
          }
        }
        try (Connection connection = postgres.connect()) {
          for (JobConfig job : jobs) {
            if (job.source() instanceof WarehouseSource warehouse) {
              for (String table : warehouse.tables()) {
                out.printf("%s: %s.%s holds %,d rows (%s)%n", job.name(), warehouse.schema(), table,
                    count(connection, warehouse.schema(), table), "embedded PostgreSQL");
              }
            }
          }
        }
        for (JobConfig job : jobs) {
          if (job.source() instanceof JdbcSource jdbc
              && jdbc.outputFormat() == JdbcOutputFormat.DELTA) {
            out.printf("%s: Delta table %s%n%s", job.name(),
                RawZoneLayout.incrementalRoot(job), deltaHistory(spark, job));
          }
        }
        if (jobs.stream().anyMatch(j -> j.kind() == JobKind.CUBIC_INGEST)) {
          List<CubicLoad> loads = stores.cubic().loads(Optional.empty(), Optional.empty());
          out.printf("%nCubic loads (%s):%n%s", lakeDir.resolve("cubic"), LoadTable.render(loads));
        }
        orchestration.notifications().published().forEach(n -> out.printf("%nNotification: %s%n%s", n.subject(), n.message()));
        out.printf("%n%s", usage.render());
        boolean actPlayed = true;
        Optional<JobConfig> stateJob = finalJobs.stream().filter(CurrentStateDemo::keepsState).findFirst();
        if (execution.succeeded() && stateJob.isPresent()) {
          try (Connection connection = postgres.connect()) {
            actPlayed = CurrentStateDemo.play(out, stateJob.get(), connection, spark, later -> new LocalOrchestration(
                RepositoryRoot.find(), stores.configs(), stores.history(), spark, stores.clients(), postgres.secrets(),
                work.resolve("runs"), later, maxWindowsPerRun, null, false, progress.windows()));
          }
        }
        Optional<JobConfig> liveJob = LiveFillDemo.job(finalJobs);
        if (execution.succeeded() && liveJob.isPresent()) {
          actPlayed &= LiveFillDemo.play(out, liveJob.get(), SampleTables.FIRST_DAY.plus(Duration.ofDays(days)),
              stores.configs(), stores.history(), orchestration, clock);
        }
        out.printf("%nExecution %s: %s%s%nLake: %s (clock %s)%nStep output: %s%n", execution.name(),
            execution.status(), execution.succeeded() ? "" : " (" + execution.error() + ")", lakeDir,
            Instant.now(clock), orchestration.emr().stepLogs());
        out.print(lookFurther(jobs));
        out.flush();
        return execution.succeeded() && actPlayed ? 0 : 1;
      } finally {
        spark.stop();
      }
    }
  }

  /** The commands that look further into what the demo left in its state directory and lake. */
  private String lookFurther(List<JobConfig> jobs) {
    String stateFlag = state.normalize().equals(Path.of(".tributary", "state")) ? "" : " --state " + state;
    StringBuilder text = new StringBuilder(String.format("%nLook further (the demo's job table and history are in %s):%n",
        state));
    jobs.stream().filter(j -> j.kind() == JobKind.JDBC_INGEST).findFirst().ifPresent(job -> text.append(
        String.format("  bin/tributary history --job %s%s%n", job.name(), stateFlag)));
    if (jobs.stream().anyMatch(j -> j.kind() == JobKind.CUBIC_INGEST)) {
      text.append(String.format("  bin/tributary cubic loads%s%n", stateFlag));
    }
    return text.toString();
  }

  /**
   * The job writing to the local lake: JDBC jobs below it, convert jobs below {@code converted/} reading
   * the local feeds (the same collections and datasets their source would hold).
   */
  private static JobConfig localized(JobConfig job, Path lakeDir, Path feeds) {
    if (job.source() instanceof CubicSource cubic) {
      Path root = lakeDir.resolve("cubic");
      return new JobConfig(job.name(), job.window(), job.state(), StorageUri.parse(root.toUri().toString()),
          cubic.withRoots(local(root, "incoming"), local(root, "springboard"), local(root, "archive"),
              local(root, "error")));
    }
    if (job.kind() != JobKind.CONVERT) {
      return job.withOutputDir(StorageUri.parse(lakeDir.toUri().toString()));
    }
    ConversionSource conversion = job.conversion();
    ConversionSource local = new ConversionSource(StorageUri.parse(feeds.toUri().toString()), conversion.target(),
        conversion.datasets(), conversion.timeIndexColumn(), conversion.live());
    return new JobConfig(job.name(), job.window(), job.state(),
        StorageUri.parse(lakeDir.resolve("converted").resolve(job.name()).toUri().toString()), local);
  }

  private static StorageUri local(Path root, String name) {
    return StorageUri.parse(root.resolve(name).toUri().toString());
  }

  /**
   * Warehouse-load jobs as the demo runs them: their configs from the repository's config/warehouse/ (same
   * file name), loading into the embedded PostgreSQL, reading their source job's local RAW root.
   */
  private static List<JobConfig> withLocalWarehouse(List<JobConfig> jobs, SecretSourceSpec secrets) {
    return jobs.stream().map(job -> {
      if (!(job.source() instanceof WarehouseSource warehouse)) {
        return job;
      }
      Optional<String> config = warehouse.config().map(c -> RepositoryRoot.find().resolve("config/warehouse")
          .resolve(c.substring(c.lastIndexOf('/') + 1)).toUri().toString());
      // The source job was localized after this job's input was resolved: resolve it again.
      List<JobConfig> table = jobs.stream().map(j -> j == job ? new JobConfig(j.name(), j.window(), j.state(),
          j.outputDir(), new WarehouseSource(warehouse.schema(), warehouse.tables(), warehouse.bucket(),
              warehouse.sourceJob(), Optional.empty(), warehouse.lakeLayout(), warehouse.dataset(), config,
              warehouse.truncate(), warehouse.force(), warehouse.granularity(), warehouse.dialect(),
              warehouse.iamRole(), secrets)) : j).toList();
      JobConfig resolved = JobTableParser.resolveSourceJobs("demo", table).stream()
          .filter(j -> j.name().equals(job.name())).findFirst().orElseThrow();
      WarehouseSource local = resolved.source(WarehouseSource.class);
      return new JobConfig(job.name(), job.window(), job.state(), job.outputDir(), local);
    }).toList();
  }

  /** A Delta job's table as its log tells it: each commit's version, partition replaced and rows written. */
  private static String deltaHistory(SparkSession spark, JobConfig job) {
    StringBuilder lines = new StringBuilder();
    DeltaTable.forPath(spark, RawZoneLayout.incrementalRoot(job)).history()
        .orderBy("version").select("version", "operationParameters", "operationMetrics").collectAsList()
        .forEach(commit -> lines.append(String.format("  version %d replaced %s: %s rows%n", commit.getLong(0),
            commit.<String, String>getJavaMap(1).get("predicate"),
            commit.<String, String>getJavaMap(2).get("numOutputRows"))));
    return lines.toString();
  }

  private static long count(Connection connection, String schema, String table) throws SQLException {
    try (var statement = connection.createStatement();
        var rows = statement.executeQuery("SELECT count(*) FROM " + WarehouseDialect
            .qualified(schema, table))) {
      rows.next();
      return rows.getLong(1);
    }
  }

  private static String databaseOf(List<JobConfig> jobs) {
    List<String> databases = jobs.stream().filter(j -> j.kind() == JobKind.JDBC_INGEST)
        .map(j -> j.jdbc().database().name()).distinct().toList();
    if (databases.size() != 1) {
      throw new IllegalArgumentException("the demo serves one source database, the job table names " + databases);
    }
    return databases.get(0);
  }

  private static double seconds(long startedNanos) {
    return (System.nanoTime() - startedNanos) / 1e9;
  }
}
