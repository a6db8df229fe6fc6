package io.tributary.core.config;

import java.util.Objects;

/** Where a JDBC job reads: a table of a database, filtered on a window column, read in partitions. */
public record JdbcSource(
    SqlIdentifier database, TableName table, SqlIdentifier windowColumn, PartitionSpec partitioning)
    implements JobSource {

  public JdbcSource {
    Objects.requireNonNull(database, "database");
    Objects.requireNonNull(table, "table");
    Objects.requireNonNull(windowColumn, "windowColumn");
    Objects.requireNonNull(partitioning, "partitioning");
  }
}
