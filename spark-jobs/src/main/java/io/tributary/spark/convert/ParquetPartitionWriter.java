package io.tributary.spark.convert;

import io.tributary.core.convert.Compression;
import io.tributary.core.convert.DatasetSchema;
import io.tributary.core.convert.S3dbColumnType;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.column.ColumnWriteStore;
import org.apache.parquet.column.ColumnWriter;
import org.apache.parquet.column.ParquetProperties;
import org.apache.parquet.hadoop.CodecFactory;
import org.apache.parquet.hadoop.ColumnChunkPageWriteStore;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Type;
import org.apache.parquet.schema.Types;

/**
 * Writes typed rows to a Parquet file with parquet-mr's column writers, fed directly (one call per value,
 * no record assembly): pages are encoded and compressed as rows arrive and a row group is flushed when it
 * reaches its size, so memory is bounded by the row group size, not by the partition.
 */
final class ParquetPartitionWriter implements PartitionWriter {
  /** Rows between two checks of the buffered size (the check walks every column). */
  private static final int SIZE_CHECK_ROWS = 1000;
  private static final int MIN_PAGE = 64 << 10;
  private static final int MAX_PAGE = 1 << 20;
  private static final int PAGE_ROW_LIMIT = 1 << 20;

  private final MessageType type;
  private final ParquetProperties properties;
  private final ParquetFileWriter file;
  private final CodecFactory codecs;
  private final CodecFactory.BytesCompressor compressor;
  private final long rowGroupBytes;
  private ColumnChunkPageWriteStore pages;
  private ColumnWriteStore columns;
  private ColumnWriter[] writers;
  private long groupRows;
  private long rows;

  ParquetPartitionWriter(OutputStream out, DatasetSchema schema, Compression codec, long rowGroupBytes,
      Configuration conf) throws IOException {
    this.type = messageType(schema);
    this.rowGroupBytes = rowGroupBytes;
    // A column buffers up to a page of values and a dictionary page before they reach the row group, so
    // with many writers open (24 for hours) pages shrink with the row group to keep the sum bounded.
    int pageBytes = (int) Math.max(MIN_PAGE, Math.min(MAX_PAGE, rowGroupBytes / (2L * schema.columns().size())));
    ParquetProperties.Builder builder = ParquetProperties.builder()
        .withPageSize(pageBytes)
        // Pages end at their size, not at parquet-mr's default 20,000 rows: each page is compressed on its
        // own, and small pages cost zstd the history it needs (4x larger files measured on the benchmark).
        .withPageRowCountLimit(PAGE_ROW_LIMIT)
        .withDictionaryPageSize(pageBytes)
        .withDictionaryEncoding(true);
    for (int c = 0; c < schema.columns().size(); c++) {
      if (schema.types().get(c) == S3dbColumnType.FLOAT) {
        // Measured values rarely repeat: a dictionary costs a hash lookup per value and is then dropped.
        builder.withDictionaryEncoding(schema.columns().get(c), false);
      }
    }
    properties = builder.build();
    file = new ParquetFileWriter(new StreamOutputFile(out), type, ParquetFileWriter.Mode.CREATE, rowGroupBytes, 0,
        properties.getColumnIndexTruncateLength(), properties.getStatisticsTruncateLength(),
        properties.getPageWriteChecksumEnabled());
    file.start();
    codecs = new CodecFactory(conf, properties.getPageSizeThreshold());
    compressor = codecs.getCompressor(codecName(codec));
    startRowGroup();
  }

  /** The Parquet column codec for a compression; bzip2 has none (refused before any work). */
  static CompressionCodecName codecName(Compression compression) {
    return switch (compression) {
      case NONE -> CompressionCodecName.UNCOMPRESSED;
      case SZ -> CompressionCodecName.SNAPPY;
      case GZ -> CompressionCodecName.GZIP;
      case LZ4 -> CompressionCodecName.LZ4_RAW;
      case ZST -> CompressionCodecName.ZSTD;
      case BR -> CompressionCodecName.BROTLI;
      case BZ2 -> throw new IllegalArgumentException("parquet has no bzip2 column codec");
    };
  }

  /** The Parquet schema of a dataset: int64, double, UTF-8 binary and boolean columns, all optional. */
  static MessageType messageType(DatasetSchema schema) {
    List<Type> fields = new ArrayList<>();
    for (int c = 0; c < schema.columns().size(); c++) {
      String name = schema.columns().get(c);
      fields.add(switch (schema.types().get(c)) {
        case INT -> Types.optional(PrimitiveTypeName.INT64).named(name);
        case FLOAT -> Types.optional(PrimitiveTypeName.DOUBLE).named(name);
        case BOOL -> Types.optional(PrimitiveTypeName.BOOLEAN).named(name);
        case STR -> Types.optional(PrimitiveTypeName.BINARY).as(LogicalTypeAnnotation.stringType()).named(name);
      });
    }
    return new MessageType("s3db", fields);
  }

  private void startRowGroup() {
    pages = new ColumnChunkPageWriteStore(compressor, type, properties.getAllocator(),
        properties.getColumnIndexTruncateLength(), properties.getPageWriteChecksumEnabled());
    columns = properties.newColumnWriteStore(type, pages);
    List<ColumnDescriptor> descriptors = type.getColumns();
    writers = new ColumnWriter[descriptors.size()];
    for (int c = 0; c < writers.length; c++) {
      writers[c] = columns.getColumnWriter(descriptors.get(c));
    }
  }

  @Override
  public void write(TypedRow row) throws IOException {
    for (int c = 0; c < writers.length; c++) {
      ColumnWriter writer = writers[c];
      if (row.nulls[c]) {
        writer.writeNull(0, 0);
        continue;
      }
      switch (row.types[c]) {
        case INT -> writer.write(row.longs[c], 0, 1);
        case FLOAT -> writer.write(row.doubles[c], 0, 1);
        case BOOL -> writer.write(row.longs[c] != 0, 0, 1);
        case STR -> writer.write(Binary.fromReusedByteArray(row.bytes[c], row.starts[c], row.lengths[c]), 0, 1);
      }
    }
    columns.endRecord();
    groupRows++;
    rows++;
    if (groupRows % SIZE_CHECK_ROWS == 0 && columns.getBufferedSize() >= rowGroupBytes) {
      flushRowGroup();
      startRowGroup();
    }
  }

  private void flushRowGroup() throws IOException {
    if (groupRows == 0) {
      return;
    }
    file.startBlock(groupRows);
    columns.flush();
    pages.flushToFileWriter(file);
    file.endBlock();
    columns.close();
    groupRows = 0;
  }

  @Override
  public long rows() {
    return rows;
  }

  @Override
  public void close() throws IOException {
    try {
      flushRowGroup();
      file.end(Map.of("writer", "tributary"));
    } finally {
      codecs.release();
    }
  }
}
