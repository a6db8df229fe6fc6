package io.tributary.spark.warehouse;

import io.tributary.core.kind.warehouse.Granularity;
import io.tributary.core.kind.warehouse.SchemaChange;
import io.tributary.core.kind.warehouse.TargetColumn;
import io.tributary.core.kind.warehouse.WarehouseColumn;
import io.tributary.core.kind.warehouse.WarehouseDialect;
import io.tributary.core.kind.warehouse.WarehouseTable;
import io.tributary.storage.FileStore;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.hadoop.conf.Configuration;
import org.postgresql.copy.CopyManager;
import org.postgresql.copy.PGCopyOutputStream;
import org.postgresql.core.BaseConnection;

/**
 * One table's load into PostgreSQL, in one transaction: compare the data dates, create or evolve the table,
 * delete the input's data-date window (or everything, with truncate), stream the rows through {@code COPY
 * FROM STDIN}, commit. Anything that goes wrong (a refused schema change, a bad row, a constraint, a killed
 * process) leaves the table exactly as it was.
 */
final class TableLoad {
  private static final Pattern COPY_LINE = Pattern.compile("COPY [^,]+, line (\\d+)");

  private final Connection connection;
  private final WarehouseDialect dialect;
  private final Granularity granularity;
  private final boolean truncate;
  private final InputOptions options;
  private final boolean force;
  private final FileStore store;
  private final Configuration conf;
  private final Optional<String> iamRole;

  TableLoad(Connection connection, WarehouseDialect dialect, Granularity granularity, boolean truncate, boolean force,
      FileStore store, Configuration conf, Optional<String> iamRole, InputOptions options) {
    this.iamRole = iamRole;
    this.options = options;
    this.connection = connection;
    this.dialect = dialect;
    this.granularity = granularity;
    this.truncate = truncate;
    this.force = force;
    this.store = store;
    this.conf = conf;
  }

  /** Loads {@code input} into {@code table}; the outcome says what happened, never throws for a data problem. */
  TableOutcome load(WarehouseTable table, WarehouseInput input) throws SQLException {
    long started = System.nanoTime();
    Instant dataDate = granularity.truncate(input.timestamp());
    // The target's data dates, in its zone's wall time (--timezone): the input's date window there, as the seed
    // tool's startEndFromGranularity shifts it.
    Instant windowStart = granularity.truncate(wallTime(input.timestamp()));
    connection.setAutoCommit(false);
    try {
      List<TargetColumn> target = PostgresTarget.columns(connection, table.schema(), table.name());
      SchemaChange change = SchemaChange.between(table, target, dialect);
      if (change.refusal().isPresent()) {
        return done(table, input, dataDate, TableOutcome.Action.FAILED, 0, started,
            "refused, nothing changed: " + change.refusal().get());
      }
      Optional<Instant> latest = target.isEmpty() ? Optional.empty()
          : PostgresTarget.latestDataDate(connection, dialect, table).map(this::utc).map(granularity::truncate);
      Optional<String> stale = staleness(latest, dataDate);
      if (stale.isPresent()) {
        connection.rollback();
        return done(table, input, dataDate, TableOutcome.Action.SKIPPED, 0, started, stale.get());
      }
      try (Statement statement = connection.createStatement()) {
        if (change.create()) {
          statement.execute(dialect.createSchema(table.schema()));
          statement.execute(dialect.createTable(table));
        }
        for (WarehouseColumn column : change.addColumns()) {
          statement.execute(dialect.addColumn(table, column));
        }
        statement.execute(truncate ? dialect.truncate(table)
            : dialect.deleteWindow(table, windowStart, granularity.next(windowStart)));
      }
      long rows = copy(table, input, windowStart);
      connection.commit();
      TableOutcome.Action action = change.create() ? TableOutcome.Action.CREATED
          : truncate ? TableOutcome.Action.TRUNCATED
          : latest.isEmpty() || dataDate.isAfter(latest.get()) ? TableOutcome.Action.APPENDED
          : dataDate.equals(latest.get()) ? TableOutcome.Action.REPLACED : TableOutcome.Action.FORCED;
      String added = change.addColumns().isEmpty() ? null : "added column(s) "
          + change.addColumns().stream().map(WarehouseColumn::name).toList();
      return done(table, input, dataDate, action, rows, started, added);
    } catch (BadRowException | IOException e) {
      connection.rollback();
      return done(table, input, dataDate, TableOutcome.Action.FAILED, 0, started,
          "nothing changed: " + e.getMessage());
    } catch (SQLException e) {
      connection.rollback();
      return done(table, input, dataDate, TableOutcome.Action.FAILED, 0, started,
          "nothing changed: " + located(table, input, e));
    } finally {
      connection.setAutoCommit(true);
    }
  }

  /**
   * Why the input is not loaded, if the table holds newer data: as the seed tool's isInputDataStale, with or without
   * truncate, it is not an error that the table is ahead (the run skips it and exits 0); {@code --force} loads it.
   */
  private Optional<String> staleness(Optional<Instant> latest, Instant dataDate) {
    if (latest.isEmpty() || force || !latest.get().isAfter(dataDate)) {
      return Optional.empty();
    }
    return Optional.of("skipped: target has " + granularity.format(latest.get()) + ", input is "
        + granularity.format(dataDate) + " (older); --force " + (truncate ? "replaces the table with it" : "reloads"));
  }

  /** {@code instant} as the target's zone shows it, written as if it were UTC (a timestamp column's value). */
  private Instant wallTime(Instant instant) {
    return instant.atZone(options.targetZone()).toLocalDateTime().toInstant(ZoneOffset.UTC);
  }

  /** A data date stored in the target's zone (its wall time read as UTC), as the instant it is. */
  private Instant utc(Instant wall) {
    return LocalDateTime.ofInstant(wall, ZoneOffset.UTC).atZone(options.targetZone()).toInstant();
  }

  private long copy(WarehouseTable table, WarehouseInput input, Instant windowStart) throws SQLException, IOException {
    if (dialect == WarehouseDialect.REDSHIFT) {
      return copyFromS3(table, input);
    }
    CopyRows copy = new CopyRows(table, truncate ? Optional.empty()
        : Optional.of(new Instant[] {windowStart, granularity.next(windowStart)}), options.truncateText());
    CopyManager copies = new CopyManager(connection.unwrap(BaseConnection.class));
    List<String> names = table.columns().stream().map(WarehouseColumn::name).toList();
    PGCopyOutputStream pg = new PGCopyOutputStream(copies.copyIn(dialect.copyFromStdin(table)), 1 << 16);
    try (RowSource rows = RowSource.open(input, names, store, conf, options)) {
      OutputStream out = new BufferedOutputStream(pg, 1 << 16);
      while (rows.next()) {
        copy.write(rows, out);
      }
      out.flush();
      pg.endCopy();
    } finally {
      if (pg.isActive()) {
        pg.cancelCopy();
      }
    }
    return copy.rows();
  }

  /** Redshift reads the input files from S3 itself, one COPY per file, with the job's IAM role. */
  private long copyFromS3(WarehouseTable table, WarehouseInput input) throws SQLException {
    long rows = 0;
    try (Statement statement = connection.createStatement()) {
      for (String file : input.files()) {
        statement.execute(dialect.copyFromS3(table, file.replaceFirst("^s3a://", "s3://"), input.format(),
            iamRole.orElseThrow(() -> new IllegalArgumentException("Redshift's COPY needs an iam_role")),
            options.delimiter(), options.truncateText()));
        try (var count = statement.executeQuery("SELECT pg_last_copy_count()")) {
          count.next();
          rows += count.getLong(1);
        }
      }
    }
    return rows;
  }

  /** The database's refusal of a COPY row, located at its input file and line. */
  private String located(WarehouseTable table, WarehouseInput input, SQLException e) {
    String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    Matcher matcher = COPY_LINE.matcher(message);
    String first = message.lines().findFirst().orElse(message);
    if (!matcher.find()) {
      return first;
    }
    long row = Long.parseLong(matcher.group(1));
    List<String> names = table.columns().stream().map(WarehouseColumn::name).toList();
    try (RowSource rows = RowSource.open(input, names, store, conf, options)) {
      for (long i = 1; rows.next(); i++) {
        if (i == row) {
          return rows.file() + ":" + rows.line() + ": " + first;
        }
      }
    } catch (IOException | RuntimeException ignored) {
      // wide on purpose: the input is read again only to name the line of the database's error, which is
      // reported whatever happens here
    }
    return first + " (row " + row + " of the input)";
  }

  private static TableOutcome done(WarehouseTable table, WarehouseInput input, Instant dataDate,
      TableOutcome.Action action, long rows, long startedNanos, String detail) {
    return new TableOutcome(table.schema() + "." + table.name(), input.name(), Optional.of(dataDate), action, rows,
        Duration.ofNanos(System.nanoTime() - startedNanos), Optional.ofNullable(detail));
  }
}
