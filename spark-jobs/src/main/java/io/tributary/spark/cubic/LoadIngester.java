package io.tributary.spark.cubic;

import io.tributary.core.kind.cubic.CubicCatalog;
import io.tributary.core.kind.cubic.CubicLoad;
import io.tributary.core.kind.cubic.SnapshotTime;
import io.tributary.core.kind.cubic.CubicTable;
import io.tributary.core.kind.cubic.Dfm;
import io.tributary.core.kind.cubic.DfmColumn;
import io.tributary.core.kind.cubic.IncomingKey;
import io.tributary.core.kind.cubic.TablePlan;
import io.tributary.spark.storage.FileStores;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

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
  private final CubicCatalog catalog;

  LoadIngester(SparkSession spark, CubicPaths paths, Configuration conf, CubicCatalog catalog) {
    this.catalog = catalog;
    this.spark = spark.newSession();
    this.spark.conf().set("spark.sql.ansi.enabled", "true");
    this.spark.conf().set("spark.sql.session.timeZone", "UTC");
    this.paths = paths;
    this.conf = conf;
    this.raw = new RawZoneWriter(this.spark);
  }

  Configuration conf() {
    return conf;
  }

  /** Ingests {@code load} as {@code action} says; returns its rows. */
  long ingest(CubicLoad load, TablePlan.Action action, CubicTable table) throws IOException {
    // Expressions take their settings (ANSI casts, the time zone) from the thread's active session.
    Optional<SparkSession> before = toOptional(SparkSession.getActiveSession());
    SparkSession.setActiveSession(spark);
    try {
      return ingestActive(load, action, table);
    } finally {
      before.ifPresentOrElse(SparkSession::setActiveSession, SparkSession::clearActiveSession);
    }
  }

  private static Optional<SparkSession> toOptional(scala.Option<SparkSession> session) {
    return session.isDefined() ? Optional.of(session.get()) : Optional.empty();
  }

  private long ingestActive(CubicLoad load, TablePlan.Action action, CubicTable table) throws IOException {
    IncomingKey key = load.incomingKey();
    String uri = paths.incoming(key.key());
    CubicFileReader reader = new CubicFileReader(spark, FileStores.of(uri, conf));
    CubicFileReader.TypedFile file = reader.read(key, uri, paths.incoming(key.dfmKey()),
        Optional.ofNullable(paths.source().schemas().get(key.tableName())));
    if (action == TablePlan.Action.APPLY_CHANGES && !file.dfm().orElseThrow().isChangeFile()) {
      throw new LoadFailedException(key.dfmKey() + ": a change file's dfm must list " + DfmColumn.CHANGE_SEQ
          + " and " + DfmColumn.CHANGE_OPER);
    }
    String directory = paths.raw(load);
    long rows;
    try {
      rows = raw.write(key.key(), file.rows(), directory, file.dfm().flatMap(Dfm::recordCount));
    } catch (LoadFailedException e) {
      throw e;
    } catch (Exception e) { // Spark's exceptions are checked in Java but thrown undeclared
      Optional<String> bad = file.dfm().flatMap(dfm -> reader.firstBadValue(key, uri, dfm));
      throw new LoadFailedException(bad.orElseGet(() -> reason(load, e)), e);
    }
    Dataset<Row> written = spark.read().parquet(directory);
    catalog.rawLoaded(rawPartition(load, directory, written));
    if (action == TablePlan.Action.RAW_ONLY) {
      return rows;
    }
    Dfm dfm = file.dfm().orElseThrow();
    List<String> primaryKey = dfm.primaryKey().stream().map(DfmColumn::lakeName).toList();
    if (primaryKey.isEmpty()) {
      throw new LoadFailedException(key.dfmKey() + ": no column has a primaryKeyPos, so changes cannot be matched"
          + " to rows");
    }
    CurrentStateTable current = new CurrentStateTable(spark, paths.current(table.folder()),
        paths.deletes(table.folder()));
    switch (action) {
      case REBUILD -> current.rebuild(written);
      case ADD_SNAPSHOT_ROWS -> current.addSnapshotRows(written, primaryKey);
      case APPLY_CHANGES -> current.applyChanges(written, primaryKey);
      default -> throw new IllegalStateException(action + " is not an ingestion");
    }
    catalog.currentStateUpdated(table.name(), paths.current(table.folder()), columns(current.schema()));
    return rows;
  }

  private CubicCatalog.RawPartition rawPartition(CubicLoad load, String directory, Dataset<Row> written) {
    IncomingKey key = load.incomingKey();
    String tableName = key.tableName() + (key.changeTable() ? "__ct" : "");
    List<String> keys = load.snapshot().isPresent() ? List.of("snapshot", "identifier") : List.of("identifier");
    List<String> values = load.snapshot().isPresent()
        ? List.of(SnapshotTime.format(load.snapshot().get()), key.fileName()) : List.of(key.fileName());
    return new CubicCatalog.RawPartition(tableName, paths.rawTable(key), columns(written.schema()), keys, values,
        directory);
  }

  private static List<CubicCatalog.Column> columns(org.apache.spark.sql.types.StructType schema) {
    return java.util.Arrays.stream(schema.fields())
        .map(f -> new CubicCatalog.Column(f.name(), f.dataType().catalogString())).toList();
  }

  /** The reason a load failed, for its registry item: the load's key and the innermost cause's message. */
  static String reason(CubicLoad load, Throwable failure) {
    if (failure instanceof LoadFailedException) {
      String message = failure.getMessage();
      return message.startsWith(load.key()) || message.startsWith(load.incomingKey().dfmKey()) ? message
          : load.key() + ": " + message;
    }
    if (failure instanceof IllegalArgumentException && failure.getMessage() != null
        && failure.getMessage().contains(".dfm")) {
      return failure.getMessage();
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
