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
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.api.WriteSupport;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.io.OutputFile;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.io.api.RecordConsumer;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Type;
import org.apache.parquet.schema.Types;

/**
 * Writes typed rows to a Parquet file through parquet-mr's writer: pages are encoded and compressed as
 * rows arrive and a row group is flushed when it reaches its size, so memory is bounded by the row group
 * size, not by the partition.
 */
final class ParquetPartitionWriter implements PartitionWriter {
  private final ParquetWriter<TypedRow> writer;
  private long rows;

  ParquetPartitionWriter(OutputStream out, DatasetSchema schema, Compression codec, long rowGroupBytes,
      Configuration conf) throws IOException {
    writer = new Builder(new StreamOutputFile(out), schema)
        .withConf(conf)
        .withCompressionCodec(codecName(codec))
        .withRowGroupSize(rowGroupBytes)
        .withPageSize(1 << 20)
        .withDictionaryPageSize(1 << 20)
        .withDictionaryEncoding(true)
        .build();
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

  @Override
  public void write(TypedRow row) throws IOException {
    writer.write(row);
    rows++;
  }

  @Override
  public long rows() {
    return rows;
  }

  @Override
  public void close() throws IOException {
    writer.close();
  }

  private static final class Builder extends ParquetWriter.Builder<TypedRow, Builder> {
    private final DatasetSchema schema;

    Builder(OutputFile file, DatasetSchema schema) {
      super(file);
      this.schema = schema;
    }

    @Override
    protected Builder self() {
      return this;
    }

    @Override
    protected WriteSupport<TypedRow> getWriteSupport(Configuration conf) {
      return new TypedRowWriteSupport(messageType(schema));
    }
  }

  /** Hands each column of a {@link TypedRow} to Parquet's record consumer. */
  private static final class TypedRowWriteSupport extends WriteSupport<TypedRow> {
    private final MessageType type;
    private RecordConsumer consumer;

    TypedRowWriteSupport(MessageType type) {
      this.type = type;
    }

    @Override
    public WriteContext init(Configuration configuration) {
      return new WriteContext(type, Map.of("writer", "tributary"));
    }

    @Override
    public void prepareForWrite(RecordConsumer recordConsumer) {
      consumer = recordConsumer;
    }

    @Override
    public void write(TypedRow row) {
      consumer.startMessage();
      for (int c = 0; c < row.size(); c++) {
        if (row.nulls[c]) {
          continue;
        }
        String name = type.getFieldName(c);
        consumer.startField(name, c);
        S3dbColumnType columnType = row.types[c];
        switch (columnType) {
          case INT -> consumer.addLong(row.longs[c]);
          case FLOAT -> consumer.addDouble(row.doubles[c]);
          case BOOL -> consumer.addBoolean(row.longs[c] != 0);
          case STR -> consumer.addBinary(Binary.fromReusedByteArray(row.bytes[c], row.starts[c], row.lengths[c]));
        }
        consumer.endField(name, c);
      }
      consumer.endMessage();
    }
  }
}
