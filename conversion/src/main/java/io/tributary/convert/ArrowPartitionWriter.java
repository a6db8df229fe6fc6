package io.tributary.convert;

import io.tributary.core.convert.Compression;
import io.tributary.core.convert.DatasetSchema;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.compression.CommonsCompressionFactory;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.compression.CompressionUtil;
import org.apache.arrow.vector.compression.NoCompressionCodec;
import org.apache.arrow.vector.ipc.ArrowFileWriter;
import org.apache.arrow.vector.ipc.message.IpcOption;
import org.apache.arrow.vector.types.FloatingPointPrecision;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * Writes typed rows to an Arrow IPC file, one record batch per {@code batchRows} rows: memory holds one
 * batch, whatever the partition's size. Buffers are compressed with lz4 (frame) or zstd when asked.
 */
final class ArrowPartitionWriter implements PartitionWriter {
  private final VectorSchemaRoot root;
  private final ArrowFileWriter writer;
  private final FieldVector[] vectors;
  private final int batchRows;
  private int batchCount;
  private long rows;

  ArrowPartitionWriter(OutputStream out, DatasetSchema schema, Compression bufferCodec, int batchRows,
      BufferAllocator allocator) throws IOException {
    this.batchRows = batchRows;
    root = VectorSchemaRoot.create(arrowSchema(schema), allocator);
    vectors = root.getFieldVectors().toArray(new FieldVector[0]);
    CompressionUtil.CodecType codec = switch (bufferCodec) {
      case NONE -> CompressionUtil.CodecType.NO_COMPRESSION;
      case LZ4 -> CompressionUtil.CodecType.LZ4_FRAME;
      case ZST -> CompressionUtil.CodecType.ZSTD;
      default -> throw new IllegalArgumentException("arrow IPC buffers compress only with lz4 or zstd");
    };
    writer = new ArrowFileWriter(root, null, Channels.newChannel(out), null, IpcOption.DEFAULT,
        codec == CompressionUtil.CodecType.NO_COMPRESSION ? NoCompressionCodec.Factory.INSTANCE
            : CommonsCompressionFactory.INSTANCE, codec);
    writer.start();
  }

  /** The Arrow schema of a dataset: int64, float64, utf8 and bool columns, nullable but for the time index. */
  static Schema arrowSchema(DatasetSchema schema) {
    List<Field> fields = new ArrayList<>();
    for (int c = 0; c < schema.columns().size(); c++) {
      ArrowType type = switch (schema.types().get(c)) {
        case INT -> new ArrowType.Int(64, true);
        case FLOAT -> new ArrowType.FloatingPoint(FloatingPointPrecision.DOUBLE);
        case BOOL -> ArrowType.Bool.INSTANCE;
        case STR, LIST -> ArrowType.Utf8.INSTANCE;
      };
      // The time index is not nullable: DataClient.jl's gather filters it as a non-missing integer.
      fields.add(new Field(schema.columns().get(c), c == schema.timeIndex() ? FieldType.notNullable(type)
          : FieldType.nullable(type), null));
    }
    return new Schema(fields);
  }

  @Override
  public void write(TypedRow row) throws IOException {
    int i = batchCount;
    for (int c = 0; c < vectors.length; c++) {
      FieldVector vector = vectors[c];
      if (row.nulls[c]) {
        switch (row.types[c]) {
          case INT -> ((BigIntVector) vector).setNull(i);
          case FLOAT -> ((Float8Vector) vector).setNull(i);
          case BOOL -> ((BitVector) vector).setNull(i);
          case STR, LIST -> ((VarCharVector) vector).setNull(i);
        }
        continue;
      }
      switch (row.types[c]) {
        case INT -> ((BigIntVector) vector).setSafe(i, row.longs[c]);
        case FLOAT -> ((Float8Vector) vector).setSafe(i, row.doubles[c]);
        case BOOL -> ((BitVector) vector).setSafe(i, (int) row.longs[c]);
        case STR, LIST -> ((VarCharVector) vector).setSafe(i, row.bytes[c], row.starts[c], row.lengths[c]);
      }
    }
    batchCount++;
    rows++;
    if (batchCount == batchRows) {
      flushBatch();
    }
  }

  private void flushBatch() throws IOException {
    for (FieldVector vector : vectors) {
      vector.setValueCount(batchCount);
    }
    root.setRowCount(batchCount);
    writer.writeBatch();
    for (FieldVector vector : vectors) {
      vector.reset();
    }
    batchCount = 0;
  }

  @Override
  public long rows() {
    return rows;
  }

  @Override
  public void close() throws IOException {
    try {
      if (batchCount > 0 || rows == 0) {
        flushBatch();
      }
      writer.end();
      writer.close();
    } finally {
      root.close();
    }
  }
}
