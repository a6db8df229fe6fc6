package io.tributary.convert;

import io.tributary.core.convert.Compression;
import io.tributary.core.convert.DatasetSchema;
import java.io.IOException;
import java.io.OutputStream;
import org.apache.hadoop.conf.Configuration;

/**
 * Writes typed rows to a Parquet file, row group by row group as its {@link ParquetRowGroupEncoder} fills
 * them, so memory is bounded by the row group size, not by the partition.
 */
final class ParquetPartitionWriter implements PartitionWriter {
  private final ParquetFile file;
  private final ParquetRowGroupEncoder encoder;
  private long rows;

  ParquetPartitionWriter(OutputStream out, DatasetSchema schema, Compression codec, long rowGroupBytes,
      Configuration conf) throws IOException {
    encoder = new ParquetRowGroupEncoder(schema, codec, rowGroupBytes, conf);
    file = ParquetFile.start(out, encoder.type(), encoder.properties(), rowGroupBytes);
  }

  @Override
  public void write(TypedRow row) throws IOException {
    file.append(encoder.write(row));
    rows++;
  }

  @Override
  public long rows() {
    return rows;
  }

  @Override
  public void close() throws IOException {
    try {
      file.append(encoder.finish());
      file.end();
    } finally {
      encoder.close();
    }
  }
}
