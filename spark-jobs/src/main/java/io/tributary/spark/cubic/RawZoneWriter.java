package io.tributary.spark.cubic;

import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;

import io.tributary.core.kind.cubic.DfmColumn;
import io.tributary.storage.FileStores;
import io.tributary.storage.ParquetFooters;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Observation;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;

/**
 * Writes a load's rows to its raw-zone directory as Parquet (replacing an earlier attempt's), counting the rows
 * read on the way, and reconciles: the rows the Parquet holds must equal the rows read, and the dfm's record
 * count where it gives one.
 */
public final class RawZoneWriter {
  private final Configuration conf;

  /**
   * Row groups of this many bytes: a big file (a snapshot, written by one task from one gzip file) is then read
   * back by several tasks at once, each a row group.
   */
  static final long ROW_GROUP_BYTES = 32L << 20;
  /**
   * The raw zone's Parquet writer options: {@link #ROW_GROUP_BYTES}, and no dictionary for a change file's
   * {@code header__change_seq}, which is unique per row (building a dictionary only to give it up costs time).
   */
  static final Map<String, String> OPTIONS = Map.of(
      "parquet.block.size", Long.toString(ROW_GROUP_BYTES),
      "parquet.enable.dictionary#" + DfmColumn.CHANGE_SEQ, "false");

  public RawZoneWriter(Configuration conf) {
    this.conf = conf;
  }

  /** Writes {@code rows} to {@code directory}; returns the rows written, or throws naming the mismatch. */
  public long write(String file, Dataset<Row> rows, String directory, Optional<Long> recordCount) {
    // Observed metrics are keyed by name across the session: a name per write keeps concurrent writes apart.
    Observation read = new Observation("rows_read_" + UUID.randomUUID().toString().replace("-", ""));
    rows.observe(read, count(lit(1)).as("rows")).write().mode(SaveMode.Overwrite)
        .options(OPTIONS).parquet(directory);
    long rowsRead;
    try {
      rowsRead = ((Number) read.getAsJava().get("rows")).longValue();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while counting the rows of " + file, e);
    }
    reconcile(file, rowsRead, directory, recordCount);
    return rowsRead;
  }

  /**
   * Checks a written load: the rows {@code directory} holds must equal {@code rowsRead}, and the dfm's record
   * count where it gives one; throws naming the mismatch.
   */
  public void reconcile(String file, long rowsRead, String directory, Optional<Long> recordCount) {
    long rowsWritten = rowsWritten(directory);
    if (rowsRead != rowsWritten) {
      throw new LoadFailedException(file + ": read " + rowsRead + " rows but the raw zone holds " + rowsWritten);
    }
    checkRecordCount(file, rowsRead, recordCount);
  }

  /** The rows the Parquet files of {@code directory} hold, from their footers (0 when it does not exist). */
  public long rowsWritten(String directory) {
    try {
      return ParquetFooters.of(FileStores.of(directory, conf), directory, conf).rows();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot count the rows written to " + directory, e);
    }
  }

  /** Checks a file's rows against its dfm's record count, where it gives one; throws naming the mismatch. */
  public void checkRecordCount(String file, long rows, Optional<Long> recordCount) {
    if (recordCount.isPresent() && recordCount.get() != rows) {
      throw new LoadFailedException(file + ": the dfm's recordCount is " + recordCount.get() + " but the file holds "
          + rows + " rows");
    }
  }
}
