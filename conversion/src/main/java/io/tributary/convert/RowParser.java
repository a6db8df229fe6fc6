package io.tributary.convert;

import ch.randelshofer.fastdoubleparser.JavaDoubleParser;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.tributary.core.convert.DatasetSchema;
import io.tributary.core.convert.S3dbColumnType;
import java.io.IOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.math.BigDecimal;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Parses the current record of a {@link CsvRecordReader} into a {@link TypedRow} by the dataset's
 * schema, matching columns to the file's header by name. Empty fields are nulls, except in the time
 * index. A row that does not fit gets a reason, and the row is not used.
 */
final class RowParser {
  private final DatasetSchema schema;
  private final int[] fieldOfColumn;
  private final int headerFields;

  private RowParser(DatasetSchema schema, int[] fieldOfColumn, int headerFields) {
    this.schema = schema;
    this.fieldOfColumn = fieldOfColumn;
    this.headerFields = headerFields;
  }

  /**
   * The parser for a file whose current record is its header; throws IllegalArgumentException naming the
   * columns the header lacks.
   */
  static RowParser forHeader(DatasetSchema schema, CsvRecordReader header) {
    List<String> names = new ArrayList<>();
    for (int f = 0; f < header.fieldCount(); f++) {
      String name = header.text(f).trim();
      names.add(f == 0 && name.startsWith("\uFEFF") ? name.substring(1).trim() : name); // a UTF-8 byte order mark
    }
    int[] fieldOfColumn = new int[schema.columns().size()];
    List<String> missing = new ArrayList<>();
    for (int c = 0; c < fieldOfColumn.length; c++) {
      if (schema.timeIndexFromFileDay() && c == schema.timeIndex()) {
        fieldOfColumn[c] = -1; // set from the file's day, not read
        continue;
      }
      fieldOfColumn[c] = names.indexOf(schema.columns().get(c));
      if (fieldOfColumn[c] < 0) {
        missing.add(schema.columns().get(c));
      }
    }
    if (!missing.isEmpty()) {
      throw new IllegalArgumentException("header " + names + " lacks the dataset's column(s) " + missing);
    }
    return new RowParser(schema, fieldOfColumn, names.size());
  }

  /** Fills {@code row} from the reader's current record; returns null when it fits, else the reason. */
  String parse(CsvRecordReader record, TypedRow row) {
    if (record.fieldCount() != headerFields) {
      return record.fieldCount() + " fields, expected " + headerFields + " as in the header";
    }
    for (int c = 0; c < fieldOfColumn.length; c++) {
      int f = fieldOfColumn[c];
      if (f < 0) {
        continue;
      }
      byte[] buffer = record.buffer(f);
      int start = record.start(f);
      int end = record.end(f);
      if (start == end) {
        if (c == schema.timeIndex()) {
          return schema.timeIndexColumn() + ": empty, the time index needs unix seconds";
        }
        row.nulls[c] = true;
        continue;
      }
      row.nulls[c] = false;
      S3dbColumnType type = row.types[c];
      switch (type) {
        case INT -> {
          if (!parseLong(buffer, start, end, row, c)) {
            return problem(c, record, f, "a whole number");
          }
        }
        case FLOAT -> {
          if (!parseDecimal(buffer, start, end, row, c) && !parseDouble(buffer, start, end, row, c)) {
            return problem(c, record, f, "a number");
          }
        }
        case BOOL -> {
          int b = isWord(buffer, start, end, TRUE) ? 1 : isWord(buffer, start, end, FALSE) ? 0
              : parseBool(record.text(f).trim());
          if (b < 0) {
            return problem(c, record, f, "true or false");
          }
          row.longs[c] = b;
        }
        case STR, LIST -> {
          int invalid = record.ascii() ? -1 : Utf8.firstInvalid(buffer, start, end);
          if (invalid >= 0) {
            // Parquet and Arrow strings are UTF-8: readers (DuckDB, Athena) refuse a file holding other bytes.
            return schema.columns().get(c) + ": not valid UTF-8 text (byte 0x"
                + String.format("%02X", buffer[invalid] & 0xFF) + " at offset " + (invalid - start) + ")";
          }
          if (type == S3dbColumnType.LIST && !isJsonArray(buffer, start, end)) {
            return problem(c, record, f, "a JSON array");
          }
          row.bytes[c] = buffer;
          row.starts[c] = start;
          row.lengths[c] = end - start;
        }
      }
    }
    return null;
  }

  private static boolean isJsonArray(byte[] buffer, int start, int end) {
    try (JsonParser parser = JSON.createParser(buffer, start, end - start)) {
      if (parser.nextToken() != JsonToken.START_ARRAY) {
        return false;
      }
      parser.skipChildren();
      return parser.nextToken() == null;
    } catch (IOException e) {
      return false;
    }
  }

  private String problem(int column, CsvRecordReader record, int field, String expected) {
    return schema.columns().get(column) + ": '" + record.text(field) + "' is not " + expected + " ("
        + schema.types().get(column).label() + ")";
  }

  private static final JsonFactory JSON = new JsonFactory();
  private static final byte[] TRUE = {'t', 'r', 'u', 'e'};
  private static final byte[] FALSE = {'f', 'a', 'l', 's', 'e'};
  private static final double[] POWERS_OF_TEN = {1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11,
      1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22};

  private static boolean isWord(byte[] b, int start, int end, byte[] word) {
    return end - start == word.length && Arrays.equals(b, start, end, word, 0, word.length);
  }

  /**
   * The fast path of plain decimals ({@code -12.345}): at most 15 significant digits and 22 decimals, so
   * digits / 10^scale is one correctly rounded division of two exact doubles, the same value
   * Double.parseDouble gives. False for anything else (exponents, long mantissas), which takes the slow path.
   */
  private static boolean parseDecimal(byte[] b, int start, int end, TypedRow row, int column) {
    int i = start;
    boolean negative = false;
    if (b[i] == '-' || b[i] == '+') {
      negative = b[i] == '-';
      i++;
    }
    long digits = 0;
    int count = 0;
    int scale = -1;
    boolean any = false;
    for (; i < end; i++) {
      byte ch = b[i];
      if (ch == '.') {
        if (scale >= 0) {
          return false;
        }
        scale = 0;
        continue;
      }
      int digit = ch - '0';
      if (digit < 0 || digit > 9) {
        return false;
      }
      any = true;
      if (digits != 0 || digit != 0) {
        count++;
      }
      digits = digits * 10 + digit;
      if (scale >= 0) {
        scale++;
      }
    }
    if (!any || count > 15 || scale > 22) {
      return false;
    }
    double value = scale <= 0 ? digits : digits / POWERS_OF_TEN[scale];
    row.doubles[column] = negative ? -value : value;
    return true;
  }

  private static boolean parseLong(byte[] b, int start, int end, TypedRow row, int column) {
    int i = start;
    boolean negative = false;
    if (b[i] == '-' || b[i] == '+') {
      negative = b[i] == '-';
      i++;
    }
    if (i == end || end - i > 19) {
      return parseLongSlow(b, start, end, row, column);
    }
    long value = 0;
    if (end - i >= 8 && end - i <= 16) {
      long eight = eightDigits(b, i);
      if (eight < 0) {
        return parseLongSlow(b, start, end, row, column);
      }
      value = eight;
      i += 8;
    }
    for (; i < end; i++) {
      int digit = b[i] - '0';
      if (digit < 0 || digit > 9) {
        return parseLongSlow(b, start, end, row, column);
      }
      value = value * 10 + digit;
      if (value < 0) {
        return parseLongSlow(b, start, end, row, column);
      }
    }
    row.longs[column] = negative ? -value : value;
    return true;
  }

  /** Handles what the fast path does not: surrounding spaces, {@code 1.0}, Long.MIN_VALUE. */
  private static final VarHandle LONG_LE =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

  /**
   * The value of the 8 ASCII digits at {@code b[i..i+8)} computed together in one long (SWAR), or -1 when
   * one of them is not a digit.
   */
  private static long eightDigits(byte[] b, int i) {
    long chars = (long) LONG_LE.get(b, i);
    long digits = chars - 0x3030303030303030L;
    // Every byte must be 0..9: no borrow from the subtraction, and no byte above 9 (adding 6 sets bit 4).
    if (((digits | (digits + 0x0606060606060606L)) & 0xF0F0F0F0F0F0F0F0L) != 0) {
      return -1;
    }
    digits = (digits * 10 + (digits >>> 8)) & 0x00FF00FF00FF00FFL;
    digits = (digits * 100 + (digits >>> 16)) & 0x0000FFFF0000FFFFL;
    return (digits * 10000 + (digits >>> 32)) & 0xFFFFFFFFL;
  }

  private static boolean parseLongSlow(byte[] b, int start, int end, TypedRow row, int column) {
    String text = new String(b, start, end - start, StandardCharsets.UTF_8).trim();
    try {
      row.longs[column] = Long.parseLong(text);
      return true;
    } catch (NumberFormatException e) {
      try {
        BigDecimal decimal = new BigDecimal(text);
        row.longs[column] = decimal.longValueExact();
        return true;
      } catch (NumberFormatException | ArithmeticException notWhole) {
        return false;
      }
    }
  }

  /**
   * Any other number: decimal or scientific notation (correctly rounded, from the bytes), or nan, inf,
   * -inf, infinity in any case as Python writes them. Java's own suffixes ({@code 1.5d}) and hexadecimal
   * are not numbers in a CSV file.
   */
  private static boolean parseDouble(byte[] b, int start, int end, TypedRow row, int column) {
    boolean letters = false;
    for (int i = start; i < end; i++) {
      byte ch = b[i];
      if ((ch >= 'a' && ch <= 'z' || ch >= 'A' && ch <= 'Z') && ch != 'e' && ch != 'E') {
        letters = true;
        break;
      }
    }
    if (!letters) {
      try {
        row.doubles[column] = JavaDoubleParser.parseDouble(b, start, end - start);
        return true;
      } catch (NumberFormatException e) {
        return false;
      }
    }
    String text = new String(b, start, end - start, StandardCharsets.UTF_8).trim().toLowerCase(Locale.ROOT);
    double special = switch (text) {
      case "nan", "+nan", "-nan" -> Double.NaN;
      case "inf", "+inf", "infinity", "+infinity" -> Double.POSITIVE_INFINITY;
      case "-inf", "-infinity" -> Double.NEGATIVE_INFINITY;
      default -> 0;
    };
    if (special == 0) {
      return false;
    }
    row.doubles[column] = special;
    return true;
  }

  private static int parseBool(String text) {
    return switch (text.toLowerCase(Locale.ROOT)) {
      case "true", "t", "1" -> 1;
      case "false", "f", "0" -> 0;
      default -> -1;
    };
  }
}
