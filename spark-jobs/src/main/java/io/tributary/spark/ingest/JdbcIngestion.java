package io.tributary.spark.ingest;

import io.tributary.aws.SecretSources;
import io.tributary.core.catalog.LakeCatalog;
import io.tributary.core.catalog.LakeCatalogs;
import io.tributary.core.config.CurrentStateOptions;
import io.tributary.core.config.JdbcOptions;
import io.tributary.core.config.JdbcOutputFormat;
import io.tributary.core.config.JobConfig;
import io.tributary.core.history.LoadedWindow;
import io.tributary.core.history.RunRecord;
import io.tributary.core.history.SourceColumn;
import io.tributary.core.history.SourceSnapshot;
import io.tributary.core.history.StateCommit;
import io.tributary.core.history.WindowRepair;
import io.tributary.core.kind.jdbc.ParquetCodec;
import io.tributary.core.kind.jdbc.SchemaChange;
import io.tributary.core.run.WindowIngestion;
import io.tributary.core.secret.DatabaseCredentials;
import io.tributary.core.secret.SecretSourceSpec;
import io.tributary.core.window.LoadWindow;
import io.tributary.core.window.RawZoneLayout;
import io.tributary.spark.catalog.CatalogColumns;
import io.tributary.spark.pg.PgConnections;
import io.tributary.spark.pg.PgPrimaryKey;
import io.tributary.spark.pg.PgTableSchema;
import io.tributary.spark.pg.PgWindowCounts;
import io.tributary.spark.pg.PgWindowRead;
import io.tributary.spark.pg.SourceSettle;
import io.tributary.storage.ParquetFooters;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The JDBC incremental job. For one window: wait until no source transaction begun before its stop is open
 * ({@link SourceSettle}; past the job's wait the window is left WAITING); read it from PostgreSQL in parallel
 * binary COPYs sharing one snapshot; refuse a source schema change the policy does not allow
 * ({@link SchemaChange}) before anything is written; write Parquet to staging, check that every row read was
 * written, and publish the window (or commit it to Delta). Then count the job's last loaded windows again at the
 * source in one query ({@link PgWindowCounts}) and load again, replacing, any whose count or checksum differs from
 * what history recorded: each is reported as a {@link WindowRepair}. A job naming {@code glue_database} has its
 * table registered there as each window lands: a partition per Parquet window, or the Delta table, its columns
 * following the schema policy. A job with {@code current_state=true} merges each window, once published, into its
 * current-state Delta table ({@link JdbcCurrentState}); the run records that commit.
 */
public final class JdbcIngestion implements WindowIngestion {
  private static final Logger LOG = LoggerFactory.getLogger(JdbcIngestion.class);

  private final SparkSession spark;
  private final SecretSourceSpec secrets;
  private final ParquetCodec codec;
  private final Clock clock;
  private final LakeCatalogs catalogs;

  public JdbcIngestion(SparkSession spark, SecretSourceSpec secrets, ParquetCodec codec) {
    this(spark, secrets, codec, Clock.systemUTC(), LakeCatalogs.NONE);
  }

  /** The job, reading the time from {@code clock} and registering tables in {@code catalogs}. */
  public JdbcIngestion(SparkSession spark, SecretSourceSpec secrets, ParquetCodec codec, Clock clock,
      LakeCatalogs catalogs) {
    this.spark = spark;
    this.secrets = secrets;
    this.codec = codec;
    this.clock = clock;
    this.catalogs = catalogs;
    // PostgreSQL dates are proleptic Gregorian, as Spark 3's: write them as they are, never rebased.
    spark.conf().set("spark.sql.parquet.datetimeRebaseModeInWrite", "CORRECTED");
    spark.conf().set("spark.sql.parquet.int96RebaseModeInWrite", "CORRECTED");
  }

  @Override
  public RunRecord ingest(JobConfig job, LoadWindow window, String runId) throws Exception {
    return ingest(job, window, runId, List.of());
  }

  @Override
  public RunRecord ingest(JobConfig job, LoadWindow window, String runId, List<LoadedWindow> earlier)
      throws Exception {
    JdbcOptions options = job.jdbc().options();
    DatabaseCredentials credentials = SecretSources.fromSpec(secrets).databaseCredentials();
    Optional<StateKey> stateKey;
    try (Connection control = PgConnections.open(credentials, job.jdbc().database())) {
      new SourceSettle(clock).await(control, options, window);
      stateKey = options.currentState().isPresent() ? Optional.of(stateKey(job, control)) : Optional.empty();
    }
    List<SourceColumn> schemaBefore = earlier.isEmpty() ? List.of() : earlier.get(0).source().schema();
    RunRecord record = load(job, window, runId, schemaBefore, stateKey);
    List<LoadedWindow> recheck = earlier.subList(0, Math.min(options.recheckWindows(), earlier.size()));
    if (recheck.isEmpty()) {
      return record;
    }
    return record.withRepairs(repairChanged(job, runId, recheck, credentials, record.source().schema(), stateKey));
  }

  /** Loads again each of {@code recheck} whose source no longer matches what history recorded. */
  private List<WindowRepair> repairChanged(JobConfig job, String runId, List<LoadedWindow> recheck,
      DatabaseCredentials credentials, List<SourceColumn> schema, Optional<StateKey> stateKey) throws Exception {
    Map<LoadWindow, PgWindowCounts.WindowCount> counts;
    try (Connection connection = PgConnections.open(credentials, job.jdbc().database())) {
      PgWindowCounts query = PgWindowCounts.of(job.jdbc(), PgTableSchema.read(connection, job.jdbc().table()),
          recheck.stream().map(LoadedWindow::window).toList(), job.jdbc().options().recheckChecksum());
      counts = query.run(connection);
    }
    List<WindowRepair> repairs = new ArrayList<>();
    for (LoadedWindow loaded : recheck) {
      PgWindowCounts.WindowCount now = counts.get(loaded.window());
      boolean checksumDiffers = now.checksum().isPresent() && loaded.source().checksum().isPresent()
          && !now.checksum().equals(loaded.source().checksum());
      if (now.rows() == loaded.rows() && !checksumDiffers) {
        continue;
      }
      LOG.warn("job {} window {} changed at the source since it was loaded ({} rows then, {} now{}); loading it"
          + " again", job.name(), loaded.window(), loaded.rows(), now.rows(), checksumDiffers ? ", checksum differs" : "");
      String repairId = runId + "-repair-" + loaded.window().start().getEpochSecond();
      RunRecord after = load(job, loaded.window(), repairId, schema, stateKey).asRepairOf(loaded.rows());
      repairs.add(new WindowRepair(loaded.window(), repairId, loaded.rows(), after));
    }
    return repairs;
  }

  /**
   * The key of the job's current state: its {@code primary_key}, or the table's own primary key (enforced at the
   * source); a table with neither is refused naming it.
   */
  public static StateKey stateKey(JobConfig job, Connection connection) throws SQLException {
    List<String> configured = job.jdbc().options().currentState().orElseThrow().primaryKey();
    if (!configured.isEmpty()) {
      return new StateKey(configured, false);
    }
    List<String> key = PgPrimaryKey.read(connection, job.jdbc().table());
    if (key.isEmpty()) {
      throw new IllegalArgumentException("job " + job.name() + ": table " + job.jdbc().table() + " has no primary"
          + " key, and current_state needs one: name its key columns with primary_key=a,b");
    }
    return new StateKey(key, true);
  }

  /**
   * Reads and publishes one window, refusing a schema change from {@code schemaBefore} the policy does not allow,
   * then merges it into the job's current state keyed by {@code stateKey}, if it keeps one.
   */
  private RunRecord load(JobConfig job, LoadWindow window, String runId, List<SourceColumn> schemaBefore,
      Optional<StateKey> stateKey) throws Exception {
    long started = System.nanoTime();
    spark.sparkContext().setJobDescription("tributary " + job.name() + " " + window);
    try (PgWindowRead read = PgWindowRead.open(spark, secrets, job.jdbc(), window)) {
      SchemaChange change = SchemaChange.between(schemaBefore, read.sourceSchema());
      if (change.refusal().isPresent() && !job.jdbc().options().acceptSchemaChange()) {
        throw new IllegalStateException("job " + job.name() + " window " + window + ": "
            + change.refusal().get());
      }
      if (!change.none()) {
        LOG.info("job {} window {}: source schema {}", job.name(), window, change.summary());
      }
      SourceSnapshot seen = new SourceSnapshot(read.sourceSchema(),
          job.jdbc().options().recheckChecksum() ? Optional.of(read.checksum()) : Optional.empty());
      boolean delta = job.jdbc().outputFormat() == JdbcOutputFormat.DELTA;
      RunRecord record = delta ? writeDelta(job, window, read, started) : writeParquet(job, window, runId, read, started);
      if (stateKey.isPresent()) {
        Dataset<Row> published = delta
            ? new DeltaWindowWrite(spark, RawZoneLayout.incrementalRoot(job), window).committedRows()
            : spark.read().parquet(record.outputPath());
        JdbcCurrentState state = new JdbcCurrentState(spark, RawZoneLayout.currentStateRoot(job),
            stateKey.get().inWindow(read.oneSnapshot()),
            job.jdbc().options().currentState().orElseThrow().orderBy().orElse(job.jdbc().windowColumn().name()));
        StateCommit commit = state.merge(published, record.rowsWritten());
        CurrentStateOptions stateOptions = job.jdbc().options().currentState().orElseThrow();
        if (stateOptions.deletes() != CurrentStateOptions.Deletes.OFF
            && state.deletesDue(stateOptions.deleteCheckRuns())) {
          commit = removeDeleted(job, state, stateKey.get().columns(), commit, stateOptions.deletes());
        }
        catalog(job).deltaTableUpdated(RawZoneLayout.currentStateCatalogTable(job), commit.table(),
            CatalogColumns.of(spark.read().format("delta").load(commit.table()).schema()));
        LOG.info("job {} window {}: merged into the current state, version {} of {}", job.name(), window,
            commit.version(), commit.table());
        record = record.withCurrentState(commit);
      }
      return record.withSource(seen);
    } finally {
      spark.sparkContext().setJobDescription(null);
    }
  }

  /** Looks for the state's keys gone from the source and removes or marks them; the commit after it. */
  private StateCommit removeDeleted(JobConfig job, JdbcCurrentState state, List<String> key, StateCommit merged,
      CurrentStateOptions.Deletes mode) throws Exception {
    DatabaseCredentials credentials = SecretSources.fromSpec(secrets).databaseCredentials();
    try (Connection connection = PgConnections.open(credentials, job.jdbc().database())) {
      KeyBuckets.check(PgTableSchema.read(connection, job.jdbc().table()), key);
      KeyBuckets buckets = new KeyBuckets(job.jdbc().table(), key);
      KeyBuckets.Found found = buckets.compare(connection, state.liveKeys());
      long version = state.applyDeletes(buckets, found.deleted(), mode == CurrentStateOptions.Deletes.SOFT,
          clock.instant());
      LOG.info("job {}: {} key(s) gone from the source {} in the current state ({} of {} buckets differed; {} source"
          + " keys, {} bytes read)", job.name(), found.deleted().size(),
          mode == CurrentStateOptions.Deletes.SOFT ? "marked _deleted" : "removed", found.differing(), found.buckets(),
          found.keysRead(), found.bytesRead());
      return merged.withDeletes(found.deleted().size(), version);
    }
  }

  private RunRecord writeParquet(JobConfig job, LoadWindow window, String runId, PgWindowRead read, long started)
      throws Exception {
    WindowCommit commit = WindowCommit.begin(spark.sparkContext().hadoopConfiguration(),
        RawZoneLayout.incrementalRoot(job), RawZoneLayout.windowPartition(window), runId);
    try {
      read.rows().write().mode(SaveMode.ErrorIfExists)
          .option("compression", codec.sparkName())
          .parquet(commit.stagingPath());
      ParquetFooters.Contents staged = commit.stagedFiles();
      if (staged.rows() != read.rowsRead()) {
        throw new IllegalStateException("read " + read.rowsRead() + " rows but staged " + staged.rows()
            + "; window not published");
      }
      commit.publish();
      catalog(job).partitionLoaded(new LakeCatalog.Partition(RawZoneLayout.catalogTable(job),
          RawZoneLayout.incrementalRoot(job), CatalogColumns.of(read.rows().schema()),
          List.copyOf(RawZoneLayout.windowPartitionValues(window).keySet()),
          List.copyOf(RawZoneLayout.windowPartitionValues(window).values()), commit.targetPath()));
      RunRecord record = new RunRecord(read.rowsRead(), staged.rows(), staged.bytes(),
          read.windowColumnMin(), read.windowColumnMax(),
          Duration.ofNanos(System.nanoTime() - started), commit.targetPath());
      LOG.info("job {} window {}: {} rows, {} bytes in {} files -> {}", job.name(), window,
          record.rowsWritten(), record.bytesWritten(), staged.files(), record.outputPath());
      return record;
    } catch (Exception e) {
      commit.abandon();
      throw e;
    }
  }

  private LakeCatalog catalog(JobConfig job) {
    return job.jdbc().options().glueDatabase().map(catalogs::database).orElse(LakeCatalog.none());
  }

  /** The window as one Delta commit replacing its partition of the job's table; nothing to stage or publish. */
  private RunRecord writeDelta(JobConfig job, LoadWindow window, PgWindowRead read, long started) throws Exception {
    DeltaWindowWrite delta = new DeltaWindowWrite(spark, RawZoneLayout.incrementalRoot(job), window);
    DeltaWindowWrite.Committed committed = delta.write(read.rows(), codec);
    if (committed.rows() != read.rowsRead()) {
      throw new IllegalStateException("read " + read.rowsRead() + " rows but Delta version " + committed.version()
          + " of " + delta.table() + " wrote " + committed.rows() + "; rerun the window to replace it");
    }
    catalog(job).deltaTableUpdated(RawZoneLayout.catalogTable(job), delta.table(),
        CatalogColumns.of(spark.read().format("delta").load(delta.table()).schema()));
    RunRecord record = new RunRecord(read.rowsRead(), committed.rows(), committed.bytes(),
        read.windowColumnMin(), read.windowColumnMax(), Duration.ofNanos(System.nanoTime() - started),
        RawZoneLayout.windowDirectory(job, window));
    LOG.info("job {} window {}: {} rows, {} bytes in {} files -> Delta version {} of {}{}", job.name(), window,
        record.rowsWritten(), record.bytesWritten(), committed.files(), committed.version(), delta.table(),
        committed.rewritten() ? " (the table rewritten in the widened schema)" : "");
    return record;
  }
}
