package io.tributary.convert;

import java.io.IOException;
import java.io.OutputStream;
import java.util.Map;
import org.apache.parquet.column.ParquetProperties;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.schema.MessageType;

/** A Parquet file being written to a stream: row groups are appended in order, then the footer. */
final class ParquetFile {
  private final ParquetFileWriter writer;

  private ParquetFile(ParquetFileWriter writer) {
    this.writer = writer;
  }

  static ParquetFile start(OutputStream out, MessageType type, ParquetProperties properties, long rowGroupBytes)
      throws IOException {
    ParquetFileWriter writer = new ParquetFileWriter(new StreamOutputFile(out), type, ParquetFileWriter.Mode.CREATE,
        rowGroupBytes, 0, properties.getColumnIndexTruncateLength(), properties.getStatisticsTruncateLength(),
        properties.getPageWriteChecksumEnabled());
    writer.start();
    return new ParquetFile(writer);
  }

  void append(ParquetRowGroupEncoder.RowGroup group) throws IOException {
    if (group != null) {
      group.appendTo(writer);
    }
  }

  void end() throws IOException {
    writer.end(Map.of("writer", "tributary"));
  }
}
