package io.tributary.convert;

import io.tributary.core.convert.Compression;
import io.tributary.core.convert.DatasetSchema;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
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
 * Encodes typed rows into Parquet row groups in memory, with parquet-mr's column writers fed directly (one
 * call per value, no record assembly): pages are encoded and compressed as rows arrive, and a row group is
 * handed out when it reaches its size, so memory is bounded by the row group size. Not thread-safe: one
 * encoder per thread, whose row groups any one thread may then append to a file.
 */
public final class ParquetRowGroupEncoder implements AutoCloseable {
  /** Rows between two checks of the buffered size (the check walks every column). */
  private static final int SIZE_CHECK_ROWS = 1000;
  private static final int MIN_PAGE = 64 << 10;
  private static final int MAX_PAGE = 1 << 20;
  private static final int PAGE_ROW_LIMIT = 1 << 20;
  private static final int COMPRESSOR_BUFFER = 64 << 10;
  /** The smallest row group a writer is given, however many share the budget. */
  static final long MIN_ROW_GROUP = 1 << 20;

  private final MessageType type;
  private final ParquetProperties properties;
  private final CodecFactory codecs;
  private final CodecFactory.BytesCompressor compressor;
  private final long rowGroupBytes;
  private ColumnChunkPageWriteStore pages;
  private ColumnWriteStore columns;
  private ColumnWriter[] writers;
  private int[] definedLevels;
  private long groupRows;

  ParquetRowGroupEncoder(DatasetSchema schema, Compression codec, long rowGroupBytes, Configuration conf) {
    this.type = messageType(schema);
    this.properties = properties(schema, rowGroupBytes);
    this.rowGroupBytes = rowGroupBytes;
    // The size is only the compressor's first output buffer, which grows as needed: a page-sized one (1 MB)
    // for every file was most of what converting a small day file allocated.
    codecs = new CodecFactory(conf, COMPRESSOR_BUFFER);
    compressor = codec == Compression.ZST ? new ZstdPageCompressor(conf) : codecs.getCompressor(codecName(codec));
  }

  /** One encoded row group: its compressed pages, ready to be appended to a file. */
  record RowGroup(long rows, ColumnChunkPageWriteStore pages) {
    void appendTo(ParquetFileWriter file) throws IOException {
      file.startBlock(rows);
      pages.flushToFileWriter(file);
      file.endBlock();
    }
  }

  /**
   * The Parquet schema of a dataset: int64, double, UTF-8 binary and boolean columns, optional but for the time
   * index, which is required (DataClient.jl's gather filters it as a non-missing integer; a row without one is a
   * rejected row).
   */
  static MessageType messageType(DatasetSchema schema) {
    List<Type> fields = new ArrayList<>();
    for (int c = 0; c < schema.columns().size(); c++) {
      String name = schema.columns().get(c);
      fields.add(switch (schema.types().get(c)) {
        case INT -> c == schema.timeIndex() ? Types.required(PrimitiveTypeName.INT64).named(name)
            : Types.optional(PrimitiveTypeName.INT64).named(name);
        case FLOAT -> Types.optional(PrimitiveTypeName.DOUBLE).named(name);
        case BOOL -> Types.optional(PrimitiveTypeName.BOOLEAN).named(name);
        case STR, LIST -> Types.optional(PrimitiveTypeName.BINARY).as(LogicalTypeAnnotation.stringType()).named(name);
      });
    }
    return new MessageType("s3db", fields);
  }

  /** The writer properties for row groups of {@code rowGroupBytes}. */
  static ParquetProperties properties(DatasetSchema schema, long rowGroupBytes) {
    // A column buffers up to a page of values and a dictionary page before they reach the row group, so
    // with many writers open (24 for hours) pages shrink with the row group to keep the sum bounded.
    int pageBytes = (int) Math.max(MIN_PAGE, Math.min(MAX_PAGE, rowGroupBytes / (2L * schema.columns().size())));
    return ParquetProperties.builder()
        .withPageSize(pageBytes)
        // Pages end at their size, not at parquet-mr's default 20,000 rows: each page is compressed on its
        // own, and small pages cost zstd the history it needs (4x larger files measured on the benchmark).
        .withPageRowCountLimit(PAGE_ROW_LIMIT)
        // Every column starts with a dictionary, prices too: quoted prices repeat (in cents), and their
        // dictionary made the benchmark's price column 22% smaller than plain. Values that do not repeat
        // fall back to plain after the first page (parquet-mr checks that the dictionary pays for itself).
        .withDictionaryPageSize(pageBytes)
        .withDictionaryEncoding(true)
        .build();
  }

  /** The Parquet column codec for a compression; bzip2 has none (refused before any work). */
  public static CompressionCodecName codecName(Compression compression) {
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

  MessageType type() {
    return type;
  }

  ParquetProperties properties() {
    return properties;
  }

  private void startRowGroup() {
    pages = new ColumnChunkPageWriteStore(compressor, type, properties.getAllocator(),
        properties.getColumnIndexTruncateLength(), properties.getPageWriteChecksumEnabled());
    columns = properties.newColumnWriteStore(type, pages);
    List<ColumnDescriptor> descriptors = type.getColumns();
    writers = new ColumnWriter[descriptors.size()];
    definedLevels = new int[descriptors.size()];
    for (int c = 0; c < writers.length; c++) {
      writers[c] = columns.getColumnWriter(descriptors.get(c));
      definedLevels[c] = descriptors.get(c).getMaxDefinitionLevel();
    }
  }

  /** Adds a row; returns the row group it completed (the encoder then starts the next), else null. */
  RowGroup write(TypedRow row) {
    if (columns == null) {
      startRowGroup();
    }
    for (int c = 0; c < writers.length; c++) {
      ColumnWriter writer = writers[c];
      if (row.nulls[c]) {
        writer.writeNull(0, 0);
        continue;
      }
      int defined = definedLevels[c];
      switch (row.types[c]) {
        case INT -> writer.write(row.longs[c], 0, defined);
        case FLOAT -> writer.write(row.doubles[c], 0, defined);
        case BOOL -> writer.write(row.longs[c] != 0, 0, defined);
        case STR, LIST -> writer.write(Binary.fromReusedByteArray(row.bytes[c], row.starts[c], row.lengths[c]), 0, defined);
      }
    }
    columns.endRecord();
    groupRows++;
    if (groupRows % SIZE_CHECK_ROWS == 0 && columns.getBufferedSize() >= rowGroupBytes) {
      return finish();
    }
    return null;
  }

  /** Ends the current row group and returns it (null when it has no rows); the next row starts another. */
  RowGroup finish() {
    if (groupRows == 0) {
      return null;
    }
    columns.flush();
    columns.close();
    RowGroup group = new RowGroup(groupRows, pages);
    groupRows = 0;
    columns = null;
    pages = null;
    return group;
  }

  @Override
  public void close() {
    codecs.release();
  }
}
