package io.tributary.spark.pg;

import java.io.EOFException;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.catalyst.expressions.SpecificInternalRow;
import org.apache.spark.sql.catalyst.util.GenericArrayData;
import org.apache.spark.sql.types.Decimal;
import org.apache.spark.sql.types.Metadata;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.unsafe.types.UTF8String;

/**
 * Decodes a {@code COPY ... TO STDOUT (FORMAT binary)} stream into Spark rows. Values keep their full
 * precision; a value Spark cannot hold (a NaN decimal, an infinite date) fails the read with the column
 * named rather than being altered.
 */
final class PgBinaryRowDecoder {
  private static final byte[] SIGNATURE = {'P', 'G', 'C', 'O', 'P', 'Y', '\n', (byte) 0xff, '\r', '\n', 0};
  /** Days and microseconds from 1970-01-01 to PostgreSQL's epoch, 2000-01-01. */
  private static final int EPOCH_DAYS = 10_957;
  private static final long EPOCH_MICROS = 946_684_800_000_000L;
  private static final BigInteger TEN_THOUSAND = BigInteger.valueOf(10_000);

  private static final long[] POWERS_OF_TEN = new long[19];

  static {
    POWERS_OF_TEN[0] = 1;
    for (int i = 1; i < POWERS_OF_TEN.length; i++) {
      POWERS_OF_TEN[i] = POWERS_OF_TEN[i - 1] * 10;
    }
  }

  private final List<PgColumn> columns;
  private final CopyStreamReader in;
  /** Reused for every row: Spark copies each row (UnsafeProjection) before asking for the next. */
  private final SpecificInternalRow row;
  private final int windowColumn;
  private long windowValueMicros;

  /**
   * @param windowColumn index of the column whose value {@link #windowValueMicros()} reports, or -1
   */
  PgBinaryRowDecoder(List<PgColumn> columns, CopyStreamReader in, int windowColumn) throws IOException {
    this.columns = columns;
    this.in = in;
    this.windowColumn = windowColumn;
    this.row = new SpecificInternalRow(new StructType(columns.stream()
        .map(c -> new StructField(c.name(), c.sparkType(), true, Metadata.empty())).toArray(StructField[]::new)));
    readHeader();
  }

  private void readHeader() throws IOException {
    byte[] signature = in.readBytes(SIGNATURE.length);
    if (!Arrays.equals(signature, SIGNATURE)) {
      throw new IOException("not a PostgreSQL binary COPY stream");
    }
    in.readInt(); // flags: bit 16 (OIDs) is never set by COPY (SELECT ...)
    in.skip(in.readInt());
  }

  /** The next row, or null at the end of the stream. */
  InternalRow next() throws IOException {
    short fields;
    try {
      fields = in.readShort();
    } catch (EOFException e) {
      return null;
    }
    if (fields == -1) {
      return null;
    }
    if (fields != columns.size()) {
      throw new IOException("row has " + fields + " fields, expected " + columns.size());
    }
    windowValueMicros = Long.MIN_VALUE;
    for (int i = 0; i < fields; i++) {
      int length = in.readInt();
      if (length < 0) {
        row.setNullAt(i);
        continue;
      }
      PgColumn column = columns.get(i);
      if (column.array() && column.type() != null) {
        row.update(i, array(column, length));
      } else {
        decodeInto(i, column, length);
      }
    }
    return row;
  }

  /** Decodes one non-null scalar into the row without boxing primitives. */
  private void decodeInto(int i, PgColumn column, int length) throws IOException {
    PgType type = column.type();
    if (type == null) {
      row.update(i, text(length));
      return;
    }
    switch (type) {
      case BOOL -> row.setBoolean(i, in.readByte() != 0);
      case INT2 -> row.setShort(i, in.readShort());
      case INT4 -> row.setInt(i, in.readInt());
      case INT8 -> row.setLong(i, in.readLong());
      case FLOAT4 -> row.setFloat(i, in.readFloat());
      case FLOAT8 -> row.setDouble(i, in.readDouble());
      case DATE -> {
        int days = date(column);
        row.setInt(i, days);
        if (i == windowColumn) {
          windowValueMicros = days * 86_400_000_000L;
        }
      }
      case TIMESTAMP, TIMESTAMPTZ -> {
        long micros = timestamp(column);
        row.setLong(i, micros);
        if (i == windowColumn) {
          windowValueMicros = micros;
        }
      }
      default -> row.update(i, value(column, type, length));
    }
  }

  /** The window column's value in the last row as UTC microseconds, or Long.MIN_VALUE when NULL. */
  long windowValueMicros() {
    return windowValueMicros;
  }

  private Object value(PgColumn column, PgType type, int length) throws IOException {
    if (type == null) {
      return text(length);
    }
    return switch (type) {
      case BOOL -> in.readByte() != 0;
      case INT2 -> in.readShort();
      case INT4 -> in.readInt();
      case INT8 -> in.readLong();
      case FLOAT4 -> in.readFloat();
      case FLOAT8 -> in.readDouble();
      case NUMERIC -> decimal(column);
      case TEXT, JSON -> text(length);
      case JSONB -> jsonb(length);
      case UUID -> UTF8String.fromString(new java.util.UUID(in.readLong(), in.readLong()).toString());
      case BYTEA -> bytes(length);
      case DATE -> date(column);
      case TIMESTAMP, TIMESTAMPTZ -> timestamp(column);
    };
  }

  private UTF8String text(int length) throws IOException {
    return UTF8String.fromBytes(bytes(length));
  }

  private UTF8String jsonb(int length) throws IOException {
    byte version = in.readByte();
    if (version != 1) {
      throw new IOException("unknown jsonb binary version " + version);
    }
    return text(length - 1);
  }

  private byte[] bytes(int length) throws IOException {
    return in.readBytes(length);
  }

  private int date(PgColumn column) throws IOException {
    int days = in.readInt();
    if (days == Integer.MAX_VALUE || days == Integer.MIN_VALUE) {
      throw unrepresentable(column, "an infinite date");
    }
    return days + EPOCH_DAYS;
  }

  private long timestamp(PgColumn column) throws IOException {
    long micros = in.readLong();
    if (micros == Long.MAX_VALUE || micros == Long.MIN_VALUE) {
      throw unrepresentable(column, "an infinite timestamp");
    }
    return micros + EPOCH_MICROS;
  }

  private Decimal decimal(PgColumn column) throws IOException {
    int digits = in.readShort();
    int weight = in.readShort();
    int sign = in.readShort() & 0xffff;
    in.readShort(); // display scale: the column's scale is used
    if (sign != 0x0000 && sign != 0x4000) {
      throw unrepresentable(column, sign == 0xC000 ? "NaN" : "an infinite numeric");
    }
    if (column.precision() <= 18) {
      return smallDecimal(column, digits, weight, sign);
    }
    long unscaled = 0;
    BigInteger big = null;
    for (int i = 0; i < digits; i++) {
      int digit = in.readShort();
      if (big == null && unscaled < Long.MAX_VALUE / 10_000 - 10_000) {
        unscaled = unscaled * 10_000 + digit;
      } else {
        big = (big == null ? BigInteger.valueOf(unscaled) : big).multiply(TEN_THOUSAND)
            .add(BigInteger.valueOf(digit));
      }
    }
    BigInteger magnitude = big == null ? BigInteger.valueOf(unscaled) : big;
    BigDecimal value = new BigDecimal(sign == 0x4000 ? magnitude.negate() : magnitude, -4 * (weight - digits + 1))
        .setScale(column.scale(), RoundingMode.UNNECESSARY);
    return Decimal.apply(value, column.precision(), column.scale());
  }

  /**
   * A numeric(p, s) with p <= 18 as an unscaled long: each base-10000 digit is shifted to the column's
   * scale. Digits below the scale are zero in a value PostgreSQL stored under that scale.
   */
  private Decimal smallDecimal(PgColumn column, int digits, int weight, int sign) throws IOException {
    long unscaled = 0;
    for (int i = 0; i < digits; i++) {
      int digit = in.readShort();
      int exponent = 4 * (weight - i) + column.scale();
      if (exponent >= POWERS_OF_TEN.length) {
        throw unrepresentable(column, "a value wider than its declared precision");
      }
      if (exponent >= 0) {
        unscaled += digit * POWERS_OF_TEN[exponent];
      } else if (exponent > -4) {
        unscaled += digit / POWERS_OF_TEN[-exponent];
      }
    }
    return Decimal.createUnsafe(sign == 0x4000 ? -unscaled : unscaled, column.precision(), column.scale());
  }

  private GenericArrayData array(PgColumn column, int length) throws IOException {
    int dimensions = in.readInt();
    in.readInt(); // has-nulls flag
    in.readInt(); // element type oid
    if (dimensions == 0) {
      return new GenericArrayData(new Object[0]);
    }
    if (dimensions > 1) {
      throw unrepresentable(column, "a " + dimensions + "-dimensional array (cast it to text in a view)");
    }
    int size = in.readInt();
    in.readInt(); // lower bound
    Object[] elements = new Object[size];
    for (int i = 0; i < size; i++) {
      int elementLength = in.readInt();
      elements[i] = elementLength < 0 ? null : value(column, column.type(), elementLength);
    }
    return new GenericArrayData(elements);
  }

  private static IOException unrepresentable(PgColumn column, String what) {
    return new IOException("column " + column.quotedName() + " (" + column.catalogType() + ") holds "
        + what + ", which Spark cannot represent exactly");
  }
}
