package io.tributary.spark.cubic;

import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;

import java.util.Optional;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Observation;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;

/**
 * Writes a load's rows to its raw-zone directory as Parquet (replacing an earlier attempt's), counting the rows
 * read on the way, and reconciles: the rows the Parquet holds must equal the rows read, and the dfm's record
 * count where it gives one.
 */
public final class RawZoneWriter {
  private final SparkSession spark;

  public RawZoneWriter(SparkSession spark) {
    this.spark = spark;
  }

  /** Writes {@code rows} to {@code directory}; returns the rows written, or throws naming the mismatch. */
  public long write(String file, Dataset<Row> rows, String directory, Optional<Long> recordCount) {
    // Observed metrics are keyed by name across the session: a name per write keeps concurrent writes apart.
    Observation read = new Observation("rows_read_" + java.util.UUID.randomUUID().toString().replace("-", ""));
    rows.observe(read, count(lit(1)).as("rows")).write().mode(SaveMode.Overwrite).parquet(directory);
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
    long rowsWritten = spark.read().parquet(directory).count();
    if (rowsRead != rowsWritten) {
      throw new LoadFailedException(file + ": read " + rowsRead + " rows but the raw zone holds " + rowsWritten);
    }
    if (recordCount.isPresent() && recordCount.get() != rowsRead) {
      throw new LoadFailedException(file + ": the dfm's recordCount is " + recordCount.get() + " but the file holds "
          + rowsRead + " rows");
    }
  }
}
