package io.tributary.spark.pg;

import io.tributary.core.secret.SecretSourceSpec;
import java.util.List;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.connector.read.InputPartition;
import org.apache.spark.sql.connector.read.PartitionReader;
import org.apache.spark.sql.connector.read.PartitionReaderFactory;
import org.apache.spark.util.LongAccumulator;

/**
 * Sent to every task: how to reach the database (a secret-source spec, never the secret), the snapshot
 * all partitions share, the columns, and the accumulators that total rows and window-column range.
 */
record PgCopyReaderFactory(
    SecretSourceSpec secrets,
    String database,
    String snapshotId,
    List<PgColumn> columns,
    int windowColumnIndex,
    LongAccumulator rowsRead,
    MinMaxAccumulator windowRange)
    implements PartitionReaderFactory {

  @Override
  public PartitionReader<InternalRow> createReader(InputPartition partition) {
    return new PgCopyPartitionReader(this, ((PgCopyPartition) partition).statement());
  }
}
