package io.tributary.spark.warehouse;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.column.page.PageReadStore;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.convert.GroupRecordConverter;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.util.HadoopInputFile;
import org.apache.parquet.io.ColumnIOFactory;
import org.apache.parquet.io.InputFile;
import org.apache.parquet.io.RecordReader;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.schema.GroupType;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType;
import org.apache.parquet.schema.Type;

/**
 * A Parquet file's rows, columns matched by name (case-insensitively): dates, timestamps (INT64 with their
 * unit, and Spark's INT96), decimals and strings as text the loader parses; nested fields as their text.
 */
final class ParquetRows implements RowSource {
  private static final long JULIAN_EPOCH_DAY = 2_440_588;

  private final String file;
  private final ParquetFileReader reader;
  private final MessageType schema;
  private final List<String> columns;
  private RecordReader<Group> groups;
  private long rowsLeftInGroup;
  private Group row;
  private long line;
  private int[] fieldOfColumn;
  private final StringBuilder text = new StringBuilder(32);

  ParquetRows(String file, List<String> columns, Configuration conf) throws IOException {
    this.file = file;
    this.columns = columns;
    InputFile input = file.startsWith("file:") ? new LocalParquetFile(java.nio.file.Path.of(URI.create(file)))
        : HadoopInputFile.fromPath(new Path(file), conf);
    this.reader = ParquetFileReader.open(input);
    this.schema = reader.getFooter().getFileMetaData().getSchema();
  }

  @Override
  public boolean next() throws IOException {
    while (rowsLeftInGroup == 0) {
      PageReadStore pages = reader.readNextRowGroup();
      if (pages == null) {
        return false;
      }
      groups = new ColumnIOFactory().getColumnIO(schema).getRecordReader(pages, new GroupRecordConverter(schema));
      rowsLeftInGroup = pages.getRowCount();
    }
    row = groups.read();
    rowsLeftInGroup--;
    line++;
    if (fieldOfColumn == null) {
      GroupType schema = row.getType();
      fieldOfColumn = new int[columns.size()];
      for (int c = 0; c < columns.size(); c++) {
        fieldOfColumn[c] = -1;
        for (int f = 0; f < schema.getFieldCount(); f++) {
          if (schema.getFieldName(f).equalsIgnoreCase(columns.get(c))) {
            fieldOfColumn[c] = f;
          }
        }
      }
    }
    return true;
  }

  @Override
  public String value(int column) {
    int field = fieldOfColumn[column];
    if (field < 0 || row.getFieldRepetitionCount(field) == 0) {
      return null;
    }
    Type type = row.getType().getType(field);
    if (!type.isPrimitive() || type.isRepetition(Type.Repetition.REPEATED)) {
      return row.getGroup(field, 0).toString();
    }
    PrimitiveType primitive = type.asPrimitiveType();
    LogicalTypeAnnotation logical = primitive.getLogicalTypeAnnotation();
    return switch (primitive.getPrimitiveTypeName()) {
      case BOOLEAN -> Boolean.toString(row.getBoolean(field, 0));
      case INT32 -> logical instanceof LogicalTypeAnnotation.DateLogicalTypeAnnotation
          ? date(row.getInteger(field, 0))
          : logical instanceof LogicalTypeAnnotation.DecimalLogicalTypeAnnotation decimal
              ? BigDecimal.valueOf(row.getInteger(field, 0), decimal.getScale()).toPlainString()
              : Integer.toString(row.getInteger(field, 0));
      case INT64 -> int64(row.getLong(field, 0), logical);
      case INT96 -> timestamp(int96Micros(row.getInt96(field, 0)));
      case FLOAT -> Float.toString(row.getFloat(field, 0));
      case DOUBLE -> Double.toString(row.getDouble(field, 0));
      case BINARY, FIXED_LEN_BYTE_ARRAY -> logical instanceof LogicalTypeAnnotation.DecimalLogicalTypeAnnotation d
          ? new BigDecimal(new BigInteger(row.getBinary(field, 0).getBytes()), d.getScale()).toPlainString()
          : row.getBinary(field, 0).toStringUsingUTF8();
    };
  }

  private String int64(long value, LogicalTypeAnnotation logical) {
    if (logical instanceof LogicalTypeAnnotation.TimestampLogicalTypeAnnotation timestamp) {
      return timestamp(switch (timestamp.getUnit()) {
        case MILLIS -> value * 1000;
        case MICROS -> value;
        case NANOS -> Math.floorDiv(value, 1000L);
      });
    }
    if (logical instanceof LogicalTypeAnnotation.DecimalLogicalTypeAnnotation decimal) {
      return BigDecimal.valueOf(value, decimal.getScale()).toPlainString();
    }
    return Long.toString(value);
  }

  /** Spark's INT96 timestamp in microseconds: nanoseconds of the day, then the Julian day, little-endian. */
  static long int96Micros(Binary binary) {
    ByteBuffer buffer = binary.toByteBuffer().order(ByteOrder.LITTLE_ENDIAN);
    long nanosOfDay = buffer.getLong();
    long julianDay = Integer.toUnsignedLong(buffer.getInt());
    return (julianDay - JULIAN_EPOCH_DAY) * 86_400_000_000L + nanosOfDay / 1000;
  }

  /** A timestamp as text the loader reads fast: {@code yyyy-MM-dd HH:mm:ss.ffffff}, UTC. */
  private String timestamp(long micros) {
    text.setLength(0);
    Timestamps.append(text, micros);
    return text.toString();
  }

  private String date(int epochDay) {
    text.setLength(0);
    Timestamps.appendDate(text, epochDay);
    return text.toString();
  }

  @Override
  public String file() {
    return file;
  }

  @Override
  public long line() {
    return line;
  }

  @Override
  public void close() throws IOException {
    reader.close();
  }
}
