package io.tributary.core.config;

import java.util.Objects;

/**
 * Where a JDBC job reads: a table of a database, filtered on a window column, read in partitions; and the
 * format its windows are written in.
 */
public record JdbcSource(SqlIdentifier database, TableName table, SqlIdentifier windowColumn,
    PartitionSpec partitioning, JdbcOutputFormat outputFormat) implements JobSource {

  public JdbcSource {
    Objects.requireNonNull(database, "database");
    Objects.requireNonNull(table, "table");
    Objects.requireNonNull(windowColumn, "windowColumn");
    Objects.requireNonNull(partitioning, "partitioning");
    Objects.requireNonNull(outputFormat, "outputFormat");
  }

  /** A source written as Parquet (the default format). */
  public JdbcSource(SqlIdentifier database, TableName table, SqlIdentifier windowColumn, PartitionSpec partitioning) {
    this(database, table, windowColumn, partitioning, JdbcOutputFormat.PARQUET);
  }
}
