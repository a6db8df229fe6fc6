package io.tributary.local;

import io.tributary.aws.SecretSources;
import io.tributary.core.config.CurrentStateOptions;
import io.tributary.core.config.JdbcOptions;
import io.tributary.core.config.JdbcSource;
import io.tributary.core.config.JobConfig;
import io.tributary.core.secret.DatabaseCredentials;
import io.tributary.core.window.DueWindows;
import io.tributary.core.window.LoadWindow;
import io.tributary.core.window.RawZoneLayout;
import io.tributary.spark.ingest.JdbcIngestion;
import io.tributary.spark.ingest.KeyBuckets;
import io.tributary.spark.pg.PgColumn;
import io.tributary.spark.pg.PgConnections;
import io.tributary.spark.pg.PgOpenTransactions;
import io.tributary.spark.pg.PgReadPlan;
import io.tributary.spark.pg.PgWindowCounts;
import io.tributary.spark.pg.PgTableSchema;
import io.tributary.spark.pg.PgWindowIndex;
import java.io.PrintWriter;
import java.sql.Connection;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code tributary plan}: what a run would do, to the SQL of every partition. Reads only. */
@Command(name = "plan", mixinStandardHelpOptions = true,
    description = "Prints each job's due windows, the exact SQL each partition runs, and the output paths."
        + " Changes nothing: with --config it reads only that file; otherwise the local job table.")
final class PlanCommand implements Callable<Integer> {
  @Mixin LocalOptions options;
  @Spec CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    options.requireConfigForLakeRoot();
    List<JobConfig> jobs = options.config != null ? options.jobTable() : storedJobs();
    DatabaseCredentials credentials = SecretSources.fromSpec(options.secrets()).databaseCredentials();
    int windows = 0;
    for (JobConfig job : jobs) {
      List<LoadWindow> due = DueWindows.of(job.window(), options.clock().instant(), options.maxWindowsPerRun);
      if (!(job.source() instanceof JdbcSource)) {
        // Kinds without a SQL plan: what the job does, and its windows.
        out.printf("%s (%s): %d due windows%n  %s%n", job.name(), job.state().status(), due.size(),
            job.kind().definition().describe(job));
        for (LoadWindow window : due) {
          windows++;
          out.printf("  window %s%n", window);
        }
        continue;
      }
      out.printf("%s (%s, %s): %d due windows%n", job.name(), job.state().status(), job.jdbc().table(), due.size());
      if (due.isEmpty()) {
        continue;
      }
      try (Connection connection = PgConnections.open(credentials, job.jdbc().database())) {
        List<PgColumn> columns = PgTableSchema.read(connection, job.jdbc().table());
        boolean indexed = PgWindowIndex.exists(connection, job.jdbc().table(), job.jdbc().windowColumn());
        if (!indexed) {
          out.printf("  %s%n", PgWindowIndex.warning(job.jdbc().table(), job.jdbc().windowColumn()));
        }
        JdbcOptions jdbc = job.jdbc().options();
        out.printf("  before each window: %s%n", PgOpenTransactions.canSeeOtherSessions(connection)
            ? "waits up to " + jdbc.settle().toSeconds() + " s for transactions begun before its stop (this user"
                + " sees every session)"
            : "this user cannot see other users' transactions (no pg_read_all_stats): each window is read "
                + jdbc.lag().toSeconds() + " s after its stop instead; GRANT pg_read_all_stats TO "
                + credentials.user() + " gives the real check");
        if (jdbc.recheckWindows() > 0) {
          List<LoadWindow> earlier = earlierWindows(due.get(0), jdbc.recheckWindows());
          out.printf("  after each window: the last %d loaded windows counted again, e.g. before %s:%n    %s;%n",
              jdbc.recheckWindows(), due.get(0),
              PgWindowCounts.of(job.jdbc(), columns, earlier, jdbc.recheckChecksum()).sql());
        }
        if (jdbc.currentState().isPresent()) {
          CurrentStateOptions state = jdbc.currentState().get();
          List<String> key = JdbcIngestion.stateKey(job, connection).columns();
          out.printf("  after each window: merged into the current state %s, keyed by %s, newest by %s%n",
              RawZoneLayout.currentStateRoot(job), key, state.orderBy().orElse(job.jdbc().windowColumn().name()));
          if (state.deletes() != CurrentStateOptions.Deletes.OFF) {
            KeyBuckets.check(columns, key);
            out.printf("  every %d run(s): keys gone from the source %s (buckets of about %d keys compared at both"
                + " ends, keys read only from those that differ)%n", state.deleteCheckRuns(),
                state.deletes() == CurrentStateOptions.Deletes.HARD ? "removed" : "marked _deleted",
                KeyBuckets.KEYS_PER_BUCKET);
          }
        }
        for (LoadWindow window : due) {
          windows++;
          out.printf("  window %s -> %s%n", window, RawZoneLayout.windowDirectory(job, window));
          PgReadPlan read = PgReadPlan.of(job.jdbc(), columns, window,
              indexed && PgWindowIndex.findsWindowThroughIndex(connection,
                  PgReadPlan.windowSelect(job.jdbc(), columns, window)));
          out.printf("    %d partitions, %s%n", read.statements().size(), read.split() == PgReadPlan.Split.WINDOW_RANGES
              ? "each a range of the window (found through its index)"
              : "each a stride of " + job.jdbc().partitioning().column() + " filtering the whole window"
                  + (indexed ? " (the window is most of the table: PostgreSQL scans it)" : ""));
          for (String statement : read.statements()) {
            out.printf("    %s;%n", statement);
          }
        }
      }
    }
    out.printf("%d jobs, %d windows due%n", jobs.size(), windows);
    return 0;
  }

  /** The {@code count} windows of the same length before {@code window}, newest first. */
  private static List<LoadWindow> earlierWindows(LoadWindow window, int count) {
    List<LoadWindow> earlier = new ArrayList<>();
    Instant stop = window.start();
    for (int i = 0; i < count; i++) {
      Instant start = stop.minus(window.length());
      earlier.add(new LoadWindow(start, stop));
      stop = start;
    }
    return earlier;
  }

  private List<JobConfig> storedJobs() {
    try (LocalStores stores = LocalStores.start(Optional.of(options.state.toAbsolutePath()))) {
      return stores.configs().all();
    }
  }
}
