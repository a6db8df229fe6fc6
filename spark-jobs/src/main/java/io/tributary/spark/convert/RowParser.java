package io.tributary.spark.convert;

import io.tributary.core.convert.DatasetSchema;
import io.tributary.core.convert.S3dbColumnType;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

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
      names.add(header.text(f).trim());
    }
    int[] fieldOfColumn = new int[schema.columns().size()];
    List<String> missing = new ArrayList<>();
    for (int c = 0; c < fieldOfColumn.length; c++) {
      fieldOfColumn[c] = names.indexOf(schema.columns().get(c));
      if (fieldOfColumn[c] < 0) {
        missing.add(schema.columns().get(c));
      }
    }
    if (!missing.isEmpty()) {
      throw new IllegalArgumentException("header " + names + " lacks the METADATA.json column(s) " + missing);
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
          try {
            row.doubles[c] = parseDouble(record.text(f).trim());
          } catch (NumberFormatException e) {
            return problem(c, record, f, "a number");
          }
        }
        case BOOL -> {
          int b = parseBool(record.text(f).trim());
          if (b < 0) {
            return problem(c, record, f, "true or false");
          }
          row.longs[c] = b;
        }
        case STR -> {
          row.bytes[c] = buffer;
          row.starts[c] = start;
          row.lengths[c] = end - start;
        }
      }
    }
    return null;
  }

  private String problem(int column, CsvRecordReader record, int field, String expected) {
    return schema.columns().get(column) + ": '" + record.text(field) + "' is not " + expected + " ("
        + schema.types().get(column).label() + ")";
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
  private static boolean parseLongSlow(byte[] b, int start, int end, TypedRow row, int column) {
    String text = new String(b, start, end - start, StandardCharsets.UTF_8).trim();
    try {
      row.longs[column] = Long.parseLong(text);
      return true;
    } catch (NumberFormatException e) {
      try {
        java.math.BigDecimal decimal = new java.math.BigDecimal(text);
        row.longs[column] = decimal.longValueExact();
        return true;
      } catch (NumberFormatException | ArithmeticException notWhole) {
        return false;
      }
    }
  }

  private static double parseDouble(String text) {
    return switch (text.toLowerCase(java.util.Locale.ROOT)) {
      case "nan" -> Double.NaN;
      case "inf", "+inf", "infinity" -> Double.POSITIVE_INFINITY;
      case "-inf", "-infinity" -> Double.NEGATIVE_INFINITY;
      default -> {
        char last = text.isEmpty() ? ' ' : text.charAt(text.length() - 1);
        if (last == 'd' || last == 'D' || last == 'f' || last == 'F') {
          throw new NumberFormatException(text); // Java accepts these suffixes; CSV writers never mean them
        }
        yield Double.parseDouble(text);
      }
    };
  }

  private static int parseBool(String text) {
    return switch (text.toLowerCase(java.util.Locale.ROOT)) {
      case "true", "t", "1" -> 1;
      case "false", "f", "0" -> 0;
      default -> -1;
    };
  }
}
