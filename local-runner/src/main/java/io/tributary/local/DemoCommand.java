package io.tributary.local;

import io.tributary.core.config.JobConfig;
import io.tributary.core.config.JobTableParser;
import io.tributary.core.config.OutputLocation;
import io.tributary.core.history.JobRun;
import io.tributary.core.run.CatchUpRun;
import io.tributary.core.run.WindowOutcome;
import io.tributary.spark.ingest.JdbcIngestion;
import io.tributary.spark.ingest.ParquetCodec;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code tributary demo}: the whole JDBC pipeline on embedded stand-ins. Starts PostgreSQL with the
 * seed's sample tables, loads the job table into DynamoDB Local, runs every job's due windows with local
 * Spark into a local lake, records history, rotates windows, and prints what each window did.
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

  @Option(names = "--codec", description = "Parquet codec: none, snappy, gzip, lz4, lz4_raw, zstd"
      + " (default: ${DEFAULT-VALUE}).")
  String codec = "snappy";

  @Spec CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    ParquetCodec parquetCodec = ParquetCodec.parse(codec);
    Path lakeDir = lake.toAbsolutePath().normalize();
    List<JobConfig> jobs = JobTableParser.parse(config).stream()
        .map(job -> job.withOutputDir(OutputLocation.parse(lakeDir.toUri().toString())))
        .toList();
    // The demo's clock stands at the end of the sample data, so every day of it is a due window.
    Clock clock = Clock.fixed(SampleTables.FIRST_DAY.plus(Duration.ofDays(days)), ZoneOffset.UTC);
    Path work = Files.createDirectories(Path.of(".tributary", "work")).toAbsolutePath();
    out.printf("Starting embedded PostgreSQL, DynamoDB Local and local Spark...%n");
    out.flush();
    try (LocalPostgres postgres = LocalPostgres.start(databaseOf(jobs), work);
        LocalStores stores = LocalStores.start()) {
      long started = System.nanoTime();
      try (Connection connection = postgres.connect()) {
        SampleTables.create(connection, rows, days);
      }
      out.printf("Created %s with %,d rows each over %d days in %.1f s; loading %d jobs from %s%n",
          String.join(", ", SampleTables.TABLES), rows, days, seconds(started), jobs.size(), config);
      out.flush();
      stores.configs().load(jobs);
      SparkSession spark = LocalSpark.start("tributary-demo");
      try {
        CatchUpRun run = new CatchUpRun(stores.configs(), stores.history(),
            new JdbcIngestion(spark, postgres.secrets(), parquetCodec), clock,
            new CatchUpRun.Settings(maxWindowsPerRun, Duration.ofHours(6)));
        List<WindowOutcome> outcomes = run.runAll();
        out.println();
        out.print(OutcomeTable.render(outcomes));
        out.println();
        for (JobConfig job : stores.configs().all()) {
          List<JobRun> history = stores.history().runs(job.name());
          out.printf("%-12s next window %s, status %s, %d runs in history%n",
              job.name(), job.window(), job.state().status(), history.size());
        }
        out.printf("%nLake: %s (clock %s)%n", lakeDir, Instant.now(clock));
        return outcomes.stream().allMatch(o -> o.result() == WindowOutcome.Result.SUCCEEDED) ? 0 : 1;
      } finally {
        spark.stop();
      }
    }
  }

  private static String databaseOf(List<JobConfig> jobs) {
    List<String> databases = jobs.stream().map(j -> j.source().database().name()).distinct().toList();
    if (databases.size() != 1) {
      throw new IllegalArgumentException("the demo serves one source database, the job table names " + databases);
    }
    return databases.get(0);
  }

  private static double seconds(long startedNanos) {
    return (System.nanoTime() - startedNanos) / 1e9;
  }
}
