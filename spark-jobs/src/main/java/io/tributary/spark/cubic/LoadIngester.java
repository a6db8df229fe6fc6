package io.tributary.spark.cubic;

import io.tributary.core.catalog.LakeCatalog;
import io.tributary.core.kind.cubic.CubicLoad;
import io.tributary.core.kind.cubic.CubicTable;
import io.tributary.core.kind.cubic.Dfm;
import io.tributary.core.kind.cubic.DfmColumn;
import io.tributary.core.kind.cubic.DfmParser;
import io.tributary.core.kind.cubic.IncomingKey;
import io.tributary.core.kind.cubic.SnapshotTime;
import io.tributary.core.kind.cubic.TablePlan;
import io.tributary.core.run.Failures;
import io.tributary.spark.catalog.CatalogColumns;
import io.tributary.storage.FileStores;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Observation;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.StructType;

/**
 * Ingests one load: reads it (typed by its dfm), writes its raw-zone Parquet and reconciles the rows, then for
 * an ODS file applies the rows, read back from the raw zone, to the table's current state as its plan step
 * says. Runs in a session of its own with ANSI casts (a value that does not fit its type fails the load) and
 * UTC times.
 */
final class LoadIngester {
  private final SparkSession spark;
  private final CubicPaths paths;
  private final Configuration conf;
  private final RawZoneWriter raw;
  private final LakeCatalog catalog;

  LoadIngester(SparkSession spark, CubicPaths paths, Configuration conf, LakeCatalog catalog) {
    this.catalog = catalog;
    this.spark = spark.newSession();
    this.spark.conf().set("spark.sql.ansi.enabled", "true");
    this.spark.conf().set("spark.sql.session.timeZone", "UTC");
    // A task per incoming file (gzip cannot be split anyway): files spread over every core, and a snapshot's
    // single task leaves the other cores to change files written beside it.
    this.spark.conf().set("spark.sql.files.openCostInBytes", Long.toString(1L << 30));
    // ...and a raw snapshot is read back a row group per task (RawZoneWriter writes them small enough).
    this.spark.conf().set("spark.sql.files.maxPartitionBytes", Long.toString(RawZoneWriter.ROW_GROUP_BYTES));
    this.paths = paths;
    this.conf = conf;
    this.raw = new RawZoneWriter(conf);
  }

  Configuration conf() {
    return conf;
  }

  /** A change file ready to apply: its rows in the raw zone, its key columns, its row count. */
  record PreparedChanges(CubicLoad load, Dataset<Row> rows, List<String> primaryKey, long count) {}

  /**
   * Ingests {@code load} as {@code action} says (a snapshot file or a DMAP or Kafka file); returns its rows.
   * Change files are {@link #prepare}d one by one and then {@link #applyChanges applied together}.
   */
  long ingest(CubicLoad load, TablePlan.Action action, CubicTable table) throws IOException {
    return active(() -> {
      Written file = write(load, action);
      if (action == TablePlan.Action.RAW_ONLY) {
        return file.count();
      }
      CurrentStateTable current = current(table);
      switch (action) {
        case REBUILD -> current.rebuild(file.rows());
        case ADD_SNAPSHOT_ROWS -> current.addSnapshotRows(file.rows(), file.primaryKey());
        default -> throw new IllegalStateException(action + " is not a file ingested alone");
      }
      catalog.deltaTableUpdated(CubicPaths.currentTableName(table.name()), paths.current(table.folder()),
          CatalogColumns.of(current.schema()));
      return file.count();
    });
  }

  /** A new snapshot's first file in the raw zone, the current state not yet rebuilt from it. */
  record PreparedSnapshot(CubicLoad load, Dataset<Row> rows, List<String> primaryKey, long count) {}

  /**
   * Writes a new snapshot's first file to the raw zone, to be {@link #rebuild rebuilt} with the change files
   * that follow it.
   */
  PreparedSnapshot prepareSnapshot(CubicLoad load) throws IOException {
    return active(() -> {
      Written file = write(load, TablePlan.Action.REBUILD);
      return new PreparedSnapshot(load, file.rows(), file.primaryKey(), file.count());
    });
  }

  /**
   * Rebuilds the table's current state from a prepared snapshot and the prepared change files after it, in one
   * commit; {@code columns} are the table's columns once the files were admitted.
   */
  void rebuild(CubicTable table, PreparedSnapshot snapshot, List<PreparedChanges> files,
      StructType columns) throws IOException {
    active(() -> {
      CurrentStateTable current = current(table);
      current.rebuild(snapshot.rows(), rowsOf(files), snapshot.primaryKey(),
          columns, files.stream().mapToLong(PreparedChanges::count).sum());
      catalog.deltaTableUpdated(CubicPaths.currentTableName(table.name()), paths.current(table.folder()),
          CatalogColumns.of(current.schema()));
      return 0L;
    });
  }

  /** Rebuilds the table's current state from a prepared snapshot alone. */
  void rebuild(CubicTable table, PreparedSnapshot snapshot) throws IOException {
    active(() -> {
      CurrentStateTable current = current(table);
      current.rebuild(snapshot.rows());
      catalog.deltaTableUpdated(CubicPaths.currentTableName(table.name()), paths.current(table.folder()),
          CatalogColumns.of(current.schema()));
      return 0L;
    });
  }

  /** Writes a change file to the raw zone (safe to run for several files at once). */
  PreparedChanges prepare(CubicLoad load) throws IOException {
    return active(() -> {
      Written file = write(load, TablePlan.Action.APPLY_CHANGES);
      return new PreparedChanges(load, file.rows(), file.primaryKey(), file.count());
    });
  }

  /**
   * A change file with its dfm, if it can be {@link #prepareTogether prepared together} with others of its
   * {@link SharedLayout}; empty for a file to prepare alone (its dfm unreadable or not a change table's, or a file
   * name the raw zone's partition directory would spell differently).
   */
  Optional<ChangeFile> changeFile(CubicLoad load) {
    IncomingKey key = load.incomingKey();
    if (!key.fileName().matches("[A-Za-z0-9._-]+")) {
      return Optional.empty();
    }
    try {
      Dfm dfm = reader().dfm(key, paths.incoming(key.dfmKey()));
      return dfm.isChangeFile() && !dfm.primaryKey().isEmpty()
          ? Optional.of(new ChangeFile(load, dfm, new SharedLayout(paths.rawParent(load), dfm.layout())))
          : Optional.empty();
    } catch (IOException | RuntimeException e) {
      Failures.unlessBug(e);
      return Optional.empty(); // prepared alone, which reports it
    }
  }

  /** What change files prepared together share: their raw parent directory and dfm layout. */
  record SharedLayout(String rawParent, Dfm layout) {}

  /** A change file's load, its dfm (read once) and the layout it shares. */
  record ChangeFile(CubicLoad load, Dfm dfm, SharedLayout layout) {}

  /**
   * Writes change files of one {@link SharedLayout} to the raw zone in one Spark job (a task per file) and
   * reconciles them: every row read is in one file's directory, and each directory holds its dfm's record count.
   * Throws when any file fails, leaving the others' raw directories to be replaced: each is then prepared alone,
   * which counts its own rows and says which file failed and why.
   */
  List<PreparedChanges> prepareTogether(List<ChangeFile> files) throws IOException {
    SharedLayout shared = files.get(0).layout();
    List<CubicLoad> loads = files.stream().map(ChangeFile::load).toList();
    return active(() -> {
      List<String> names = loads.stream().map(l -> l.incomingKey().fileName()).toList();
      if (names.stream().distinct().count() != names.size()) {
        throw new IllegalStateException("two versions of one file: each is prepared alone, in order");
      }
      Dataset<Row> rows = reader().odsFiles(loads.stream().map(l -> paths.incoming(l.key())).toList(),
          shared.layout());
      Observation read = new Observation("rows_read_" + UUID.randomUUID().toString().replace("-", ""));
      rows.observe(read, functions.count(functions.lit(1)).as("rows"))
          .withColumnRenamed(CubicFileReader.FILE, "identifier")
          .write().mode(SaveMode.Overwrite).option("partitionOverwriteMode", "dynamic").options(RawZoneWriter.OPTIONS)
          .partitionBy("identifier").parquet(shared.rawParent());
      long rowsRead = ((Number) observed(read).get("rows")).longValue();
      StructType fileColumns = rows.drop(CubicFileReader.FILE).schema();
      List<String> primaryKey = shared.layout().primaryKey().stream().map(DfmColumn::lakeName).toList();
      // Each file's rows are counted in its own directory; together they must be every row read.
      long[] rowsOfFile = new long[loads.size()];
      for (int i = 0; i < loads.size(); i++) {
        rowsOfFile[i] = raw.rowsWritten(paths.raw(loads.get(i)));
      }
      if (Arrays.stream(rowsOfFile).sum() != rowsRead) {
        throw new LoadFailedException("read " + rowsRead + " rows from " + loads.size() + " change files but their"
            + " raw directories hold " + Arrays.stream(rowsOfFile).sum());
      }
      List<PreparedChanges> prepared = new ArrayList<>();
      for (int i = 0; i < loads.size(); i++) {
        CubicLoad load = loads.get(i);
        if (rowsOfFile[i] == 0) {
          prepared.add(prepare(load)); // a partitioned write makes no directory for a file without rows
          continue;
        }
        raw.checkRecordCount(load.key(), rowsOfFile[i], files.get(i).dfm().recordCount());
        String directory = paths.raw(load);
        Dataset<Row> written = spark.read().schema(fileColumns).parquet(directory);
        catalog.partitionLoaded(rawPartition(load, directory, written));
        prepared.add(new PreparedChanges(load, written, primaryKey, rowsOfFile[i]));
      }
      return prepared;
    });
  }

  private static Map<String, Object> observed(Observation observation) {
    try {
      return observation.getAsJava();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while counting rows", e);
    }
  }

  private CubicFileReader reader() {
    return new CubicFileReader(spark, FileStores.of(paths.source().incoming().toString(), conf));
  }

  /**
   * Admits a prepared change file's columns to the current-state table: new ones are added; a removed or
   * retyped one fails this file only. One file at a time, in order.
   */
  void admit(PreparedChanges file, CubicTable table) throws IOException {
    active(() -> {
      current(table).admit(file.rows().schema());
      return 0L;
    });
  }

  /** Applies prepared change files to the table's current state in one MERGE. */
  void applyChanges(CubicTable table, List<PreparedChanges> files) throws IOException {
    active(() -> {
      CurrentStateTable current = current(table);
      current.applyChanges(rowsOf(files), files.get(0).primaryKey(),
          files.stream().mapToLong(PreparedChanges::count).sum());
      catalog.deltaTableUpdated(CubicPaths.currentTableName(table.name()), paths.current(table.folder()),
          CatalogColumns.of(current.schema()));
      return 0L;
    });
  }

  /**
   * The prepared files' rows: the raw directories of the files that share a schema read as one relation, so a
   * batch of a hundred files plans as one scan, not a union of a hundred.
   */
  private List<Dataset<Row>> rowsOf(List<PreparedChanges> files) {
    Map<StructType, Set<String>> bySchema = new LinkedHashMap<>();
    files.forEach(f -> bySchema.computeIfAbsent(f.rows().schema(), x -> new LinkedHashSet<>())
        .add(paths.raw(f.load())));
    return bySchema.entrySet().stream()
        .map(e -> spark.read().schema(e.getKey()).parquet(e.getValue().toArray(String[]::new))).toList();
  }

  /** Work run with this ingester's session active on the thread. */
  private interface SessionWork<T> {
    T run() throws IOException;
  }

  // Expressions take their settings (ANSI casts, the time zone) from the thread's active session.
  private <T> T active(SessionWork<T> work) throws IOException {
    Optional<SparkSession> before = toOptional(SparkSession.getActiveSession());
    SparkSession.setActiveSession(spark);
    try {
      return work.run();
    } finally {
      before.ifPresentOrElse(SparkSession::setActiveSession, SparkSession::clearActiveSession);
    }
  }

  private static Optional<SparkSession> toOptional(scala.Option<SparkSession> session) {
    return session.isDefined() ? Optional.of(session.get()) : Optional.empty();
  }

  private CurrentStateTable current(CubicTable table) {
    return new CurrentStateTable(spark, paths.current(table.folder()), paths.deletes(table.folder()),
        paths.source().rewriteShare());
  }

  /** A load's rows as the raw zone holds them. */
  private record Written(Dataset<Row> rows, List<String> primaryKey, long count) {}

  /** Reads the load, writes its raw Parquet, reconciles and registers it; the rows are read back from there. */
  private Written write(CubicLoad load, TablePlan.Action action) throws IOException {
    IncomingKey key = load.incomingKey();
    String uri = paths.incoming(key.key());
    CubicFileReader reader = new CubicFileReader(spark, FileStores.of(uri, conf));
    CubicFileReader.TypedFile file = reader.read(key, uri, paths.incoming(key.dfmKey()),
        Optional.ofNullable(paths.source().schemas().get(key.tableName())));
    if (action == TablePlan.Action.APPLY_CHANGES && !file.dfm().orElseThrow().isChangeFile()) {
      throw new LoadFailedException(key.dfmKey() + ": a change file's dfm must list " + DfmColumn.CHANGE_SEQ
          + " and " + DfmColumn.CHANGE_OPER);
    }
    List<String> primaryKey = file.dfm().map(d -> d.primaryKey().stream().map(DfmColumn::lakeName).toList())
        .orElse(List.of());
    if (action != TablePlan.Action.RAW_ONLY && primaryKey.isEmpty()) {
      throw new LoadFailedException(key.dfmKey() + ": no column has a primaryKeyPos, so changes cannot be matched"
          + " to rows");
    }
    String directory = paths.raw(load);
    long rows;
    try {
      rows = raw.write(key.key(), file.rows(), directory, file.dfm().flatMap(Dfm::recordCount));
    } catch (LoadFailedException e) {
      throw e;
    } catch (Exception e) { // Spark's exceptions are checked in Java but thrown undeclared
      Failures.unlessBug(e);
      Optional<String> bad = file.dfm().flatMap(dfm -> reader.firstBadValue(key, uri, dfm));
      throw new LoadFailedException(bad.orElseGet(() -> reason(load, e)), e);
    }
    Dataset<Row> written = spark.read().schema(file.rows().schema()).parquet(directory);
    catalog.partitionLoaded(rawPartition(load, directory, written));
    return new Written(written, primaryKey, rows);
  }

  private LakeCatalog.Partition rawPartition(CubicLoad load, String directory, Dataset<Row> written) {
    IncomingKey key = load.incomingKey();
    String tableName = key.tableName() + (key.changeTable() ? "__ct" : "");
    List<String> keys = load.snapshot().isPresent() ? List.of("snapshot", "identifier") : List.of("identifier");
    List<String> values = load.snapshot().isPresent()
        ? List.of(SnapshotTime.format(load.snapshot().get()), key.fileName()) : List.of(key.fileName());
    return new LakeCatalog.Partition(tableName, paths.rawTable(key), CatalogColumns.of(written.schema()), keys, values,
        directory);
  }

  /** The reason a load failed, for its registry item: the load's key and the innermost cause's message. */
  static String reason(CubicLoad load, Throwable failure) {
    Failures.unlessBug(failure); // a bug fails the step; it is never a load's reason
    if (failure instanceof LoadFailedException) {
      String message = failure.getMessage();
      return message.startsWith(load.key()) || message.startsWith(load.incomingKey().dfmKey()) ? message
          : load.key() + ": " + message;
    }
    if (failure instanceof DfmParser.InvalidDfmException) {
      return failure.getMessage(); // names the dfm and the field
    }
    Throwable root = failure;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    String message = root.getMessage() == null ? root.getClass().getSimpleName()
        : root.getMessage().lines().findFirst().orElse("") + " (" + root.getClass().getSimpleName() + ")";
    return load.key() + ": cannot be read: " + message;
  }
}
