package io.tributary.spark.pg;

import io.tributary.aws.SecretSources;
import io.tributary.core.config.SqlIdentifier;
import io.tributary.core.secret.DatabaseCredentials;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.connector.read.PartitionReader;
import org.postgresql.PGConnection;
import org.postgresql.copy.PGCopyInputStream;

/** Streams one partition's COPY into rows; nothing is held beyond the row being decoded. */
final class PgCopyPartitionReader implements PartitionReader<InternalRow> {
  private static final int BUFFER_BYTES = 1 << 16;

  private final PgCopyReaderFactory factory;
  private final String statement;
  private Connection connection;
  private PGCopyInputStream copy;
  private PgBinaryRowDecoder decoder;
  private InternalRow current;
  private long rows;
  private final MinMaxAccumulator windowRange = new MinMaxAccumulator();

  PgCopyPartitionReader(PgCopyReaderFactory factory, String statement) {
    this.factory = factory;
    this.statement = statement;
  }

  @Override
  public boolean next() throws IOException {
    if (decoder == null) {
      open();
    }
    current = decoder.next();
    if (current == null) {
      return false;
    }
    rows++;
    long window = decoder.windowValueMicros();
    if (window != Long.MIN_VALUE) {
      windowRange.add(window);
    }
    return true;
  }

  private void open() throws IOException {
    DatabaseCredentials credentials = SecretSources.fromSpec(factory.secrets()).databaseCredentials();
    try {
      connection = PgConnections.open(credentials, new SqlIdentifier(factory.database()));
      connection.setAutoCommit(false);
      if (factory.snapshotId() != null) {
        try (Statement set = connection.createStatement()) {
          set.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ");
          set.execute("SET TRANSACTION SNAPSHOT '" + factory.snapshotId() + "'");
        }
      }
      copy = new PGCopyInputStream(connection.unwrap(PGConnection.class), statement);
    } catch (SQLException e) {
      throw new IOException("cannot start " + statement + ": " + e.getMessage(), e);
    }
    decoder = new PgBinaryRowDecoder(factory.columns(), new CopyStreamReader(copy, BUFFER_BYTES),
        factory.windowColumnIndex());
  }

  @Override
  public InternalRow get() {
    return current;
  }

  @Override
  public void close() throws IOException {
    factory.rowsRead().add(rows);
    factory.windowRange().merge(windowRange);
    try {
      if (copy != null) {
        copy.close();
      }
      if (connection != null) {
        connection.rollback(); // read only: nothing to keep
        connection.close();
      }
    } catch (SQLException e) {
      throw new UncheckedIOException(new IOException("closing " + statement + ": " + e.getMessage(), e));
    }
  }
}
