package io.tributary.spark.pg;

import io.tributary.aws.SecretSources;
import io.tributary.core.config.JdbcSource;
import io.tributary.core.history.SourceColumn;
import io.tributary.core.secret.DatabaseCredentials;
import io.tributary.core.secret.SecretSourceSpec;
import io.tributary.core.window.LoadWindow;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.execution.datasources.v2.DataSourceV2Relation;
import org.apache.spark.sql.util.CaseInsensitiveStringMap;
import org.apache.spark.util.LongAccumulator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import scala.Option;

/**
 * One window of a PostgreSQL table as a Spark Dataset, read by parallel binary COPYs that share one
 * exported snapshot, so that all partitions see the table at the same instant. Keep it open until the
 * Dataset has been written: closing ends the snapshot.
 */
public final class PgWindowRead implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(PgWindowRead.class);

  private final Connection snapshotHolder;
  private final JdbcSource source;
  private final LoadWindow window;
  private final PgReadPlan plan;
  private final Dataset<Row> rows;
  private final LongAccumulator rowsRead;
  private final MinMaxAccumulator windowRange;
  private final boolean oneSnapshot;

  private PgWindowRead(Connection snapshotHolder, JdbcSource source, LoadWindow window, PgReadPlan plan,
      Dataset<Row> rows, LongAccumulator rowsRead, MinMaxAccumulator windowRange, boolean oneSnapshot) {
    this.snapshotHolder = snapshotHolder;
    this.source = source;
    this.window = window;
    this.plan = plan;
    this.rows = rows;
    this.rowsRead = rowsRead;
    this.windowRange = windowRange;
    this.oneSnapshot = oneSnapshot;
  }

  /** Plans the read of {@code window} and exports the snapshot its partitions will share. */
  public static PgWindowRead open(SparkSession spark, SecretSourceSpec secrets, JdbcSource source, LoadWindow window)
      throws SQLException {
    DatabaseCredentials credentials = SecretSources.fromSpec(secrets).databaseCredentials();
    Connection connection = PgConnections.open(credentials, source.database());
    try {
      connection.setAutoCommit(false);
      String snapshot = exportSnapshot(connection); // must be the transaction's first statement
      List<PgColumn> columns = PgTableSchema.read(connection, source.table());
      PgReadPlan plan = PgReadPlan.of(source, columns, window,
          PgWindowIndex.splitByRanges(connection, source, columns, window));
      LongAccumulator rowsRead = spark.sparkContext().longAccumulator("rows read");
      MinMaxAccumulator windowRange = new MinMaxAccumulator();
      spark.sparkContext().register(windowRange, "window column range");
      PgCopyReaderFactory factory = new PgCopyReaderFactory(secrets, source.database().name(), snapshot,
          plan.columns(), plan.windowColumnIndex(), rowsRead, windowRange);
      PgCopyTable table = new PgCopyTable(source.table().toString(), plan, factory);
      Dataset<Row> rows = Dataset.ofRows(spark,
          DataSourceV2Relation.create(table, Option.empty(), Option.empty(), CaseInsensitiveStringMap.empty()));
      return new PgWindowRead(connection, source, window, plan, rows, rowsRead, windowRange, snapshot != null);
    } catch (SQLException | RuntimeException e) {
      connection.close();
      throw e;
    }
  }

  /** Exports the transaction's snapshot, or returns null where the server cannot (partitions then read independently). */
  private static String exportSnapshot(Connection connection) throws SQLException {
    try (Statement statement = connection.createStatement()) {
      statement.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ");
      try (ResultSet result = statement.executeQuery("SELECT pg_export_snapshot()")) {
        result.next();
        String id = result.getString(1);
        if (id.matches("[0-9A-Fa-f-]+")) {
          return id;
        }
        throw new SQLException("unexpected snapshot id format");
      }
    } catch (SQLException e) {
      LOG.warn("cannot export a snapshot ({}); partitions will read independently", e.getMessage());
      connection.rollback();
      return null;
    }
  }

  /**
   * Whether every partition reads the one exported snapshot; false where the server could not export it, and a row
   * moved between partitions while they read could then be read twice or not at all.
   */
  public boolean oneSnapshot() {
    return oneSnapshot;
  }

  /** The rows of the window; reading them runs the COPYs. */
  public Dataset<Row> rows() {
    return rows;
  }

  /** The statements each partition runs. */
  public PgReadPlan plan() {
    return plan;
  }

  /** The source's columns as this read sees them, with their catalog types. */
  public List<SourceColumn> sourceSchema() {
    return plan.columns().stream().map(c -> new SourceColumn(c.name(), c.catalogType())).toList();
  }

  /** The checksum of the window's key and window-column values in the read's snapshot ({@link PgWindowCounts}). */
  public long checksum() throws SQLException {
    return PgWindowCounts.of(source, plan.columns(), List.of(window), true).run(snapshotHolder)
        .get(window).checksum().orElseThrow();
  }

  /** Rows streamed by completed partitions. */
  public long rowsRead() {
    return rowsRead.value();
  }

  /** The smallest window-column value read, as an instant (UTC for timestamp and date). */
  public Optional<Instant> windowColumnMin() {
    long[] range = windowRange.value();
    return range[0] > range[1] ? Optional.empty() : Optional.of(Instant.EPOCH.plus(range[0], ChronoUnit.MICROS));
  }

  /** The largest window-column value read. */
  public Optional<Instant> windowColumnMax() {
    long[] range = windowRange.value();
    return range[0] > range[1] ? Optional.empty() : Optional.of(Instant.EPOCH.plus(range[1], ChronoUnit.MICROS));
  }

  @Override
  public void close() throws SQLException {
    try {
      snapshotHolder.rollback();
    } finally {
      snapshotHolder.close();
    }
  }
}
