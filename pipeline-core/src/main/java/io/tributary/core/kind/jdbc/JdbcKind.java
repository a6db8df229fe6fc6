package io.tributary.core.kind.jdbc;

import io.tributary.core.config.JdbcOptions;
import io.tributary.core.config.JdbcOutputFormat;
import io.tributary.core.config.JdbcSource;
import io.tributary.core.config.JobConfig;
import io.tributary.core.config.JobRows;
import io.tributary.core.config.JobTableColumn;
import io.tributary.core.storage.StorageUri;
import io.tributary.core.config.PartitionSpec;
import io.tributary.core.config.RowCells;
import io.tributary.core.config.SqlIdentifier;
import io.tributary.core.config.TableName;
import io.tributary.core.kind.JobKindDefinition;
import io.tributary.core.window.RawZoneLayout;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/** The jdbc-ingest kind: a PostgreSQL table pulled window by window, in partitioned reads, into the RAW zone. */
public final class JdbcKind extends JobKindDefinition<JdbcSource, JdbcSettings> {

  public JdbcKind() {
    super("jdbc-ingest", JdbcSource.class, JdbcSettings.class, "io.tributary.spark.JdbcIngestMain");
  }

  @Override
  public JdbcSource readSource(RowCells row, StorageUri output) {
    JdbcOptions options = JdbcOptions.DEFAULTS;
    if (!row.notApplicable(JobTableColumn.OPTIONS)) {
      List<String> problems = new ArrayList<>();
      options = JdbcOptions.parse(row.cell(JobTableColumn.OPTIONS), problems);
      problems.forEach(p -> row.problem(JobTableColumn.OPTIONS, p + " (a jdbc-ingest job's options are '-' or"
          + " key=value;..., see docs/configuration.md)"));
    }
    SqlIdentifier database = row.identifier(JobTableColumn.DATABASE_NAME);
    TableName table = row.table(JobTableColumn.TABLE_NAME);
    SqlIdentifier windowColumn = row.identifier(JobTableColumn.WINDOW_DB_COLUMN);
    SqlIdentifier partitionColumn = row.identifier(JobTableColumn.PARTITION_BY_COL);
    Long lower = row.wholeNumber(JobTableColumn.LOWER_BOUND, Long.MIN_VALUE);
    Long upper = row.wholeNumber(JobTableColumn.UPPER_BOUND, Long.MIN_VALUE);
    Long partitions = row.wholeNumber(JobTableColumn.NUM_PARTITIONS, 1);
    if (partitions != null && partitions > RowCells.MAX_PARTITIONS) {
      row.problem(JobTableColumn.NUM_PARTITIONS, "'" + partitions + "' is above " + RowCells.MAX_PARTITIONS
          + ", expected a whole number from 1 to " + RowCells.MAX_PARTITIONS);
      partitions = null;
    }
    if (lower != null && upper != null && lower > upper) {
      row.problem(JobTableColumn.LOWER_BOUND,
          "'" + lower + "' is above upper_bound '" + upper + "', expected lower_bound <= upper_bound");
    }
    if (database == null || table == null || windowColumn == null || partitionColumn == null
        || lower == null || upper == null || partitions == null || lower > upper || options == null) {
      return null;
    }
    return new JdbcSource(database, table, windowColumn,
        new PartitionSpec(partitionColumn, lower, upper, partitions.intValue()), options);
  }

  @Override
  protected Map<JobTableColumn, String> cells(JdbcSource source) {
    Map<JobTableColumn, String> cells = new EnumMap<>(JobTableColumn.class);
    cells.put(JobTableColumn.DATABASE_NAME, source.database().name());
    cells.put(JobTableColumn.TABLE_NAME, source.table().toString());
    cells.put(JobTableColumn.WINDOW_DB_COLUMN, source.windowColumn().name());
    PartitionSpec partitioning = source.partitioning();
    cells.put(JobTableColumn.PARTITION_BY_COL, partitioning.column().name());
    cells.put(JobTableColumn.LOWER_BOUND, Long.toString(partitioning.lowerBound()));
    cells.put(JobTableColumn.UPPER_BOUND, Long.toString(partitioning.upperBound()));
    cells.put(JobTableColumn.NUM_PARTITIONS, Integer.toString(partitioning.numPartitions()));
    cells.put(JobTableColumn.OPTIONS, source.options().optionsCell());
    return cells;
  }

  @Override
  public JdbcSettings settings(Map<String, String> settings) {
    return JdbcSettings.read(label(), settings);
  }

  /** The windows to count again, and at least the last one, whose schema a new window is compared with. */
  @Override
  public int earlierWindowsForStep(JobConfig job) {
    return Math.max(1, job.jdbc().options().recheckWindows());
  }

  @Override
  public String describe(JobConfig job) {
    JdbcSource source = job.jdbc();
    return String.format("%s: %s %s.%s window %s by %s, %d partitions on %s -> %s", job.name(), label(),
        source.database(), source.table(), job.window(), source.windowColumn(),
        source.partitioning().numPartitions(), source.partitioning().column(), RawZoneLayout.incrementalRoot(job))
        + (source.outputFormat() == JdbcOutputFormat.DELTA ? " (Delta)" : "");
  }
}
