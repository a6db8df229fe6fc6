package io.tributary.core.config;

import java.util.Objects;

/**
 * Where a JDBC job reads: a table of a database, filtered on a window column, read in partitions; and its options
 * (the format its windows are written in, how it waits for the source to settle, rechecks and schema policy).
 */
public record JdbcSource(SqlIdentifier database, TableName table, SqlIdentifier windowColumn,
    PartitionSpec partitioning, JdbcOptions options) implements JobSource {

  public JdbcSource {
    Objects.requireNonNull(database, "database");
    Objects.requireNonNull(table, "table");
    Objects.requireNonNull(windowColumn, "windowColumn");
    Objects.requireNonNull(partitioning, "partitioning");
    Objects.requireNonNull(options, "options");
  }

  /** A source with the default options (Parquet). */
  public JdbcSource(SqlIdentifier database, TableName table, SqlIdentifier windowColumn, PartitionSpec partitioning) {
    this(database, table, windowColumn, partitioning, JdbcOptions.DEFAULTS);
  }

  /** The format its windows are written in. */
  public JdbcOutputFormat outputFormat() {
    return options.outputFormat();
  }
}
