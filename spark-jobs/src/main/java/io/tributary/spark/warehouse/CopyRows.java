package io.tributary.spark.warehouse;

import io.tributary.core.kind.warehouse.ColumnType;
import io.tributary.core.kind.warehouse.WarehouseColumn;
import io.tributary.core.kind.warehouse.WarehouseTable;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Turns input rows into the CSV that PostgreSQL's {@code COPY ... FROM STDIN (FORMAT csv)} reads, checking
 * every value against its column's type first: a value that does not fit, a null in a NOT NULL column, or
 * (when loading one data date) a data date outside it is a {@link BadRowException} naming file, line,
 * column and value. Nulls take the column's default where it has one.
 */
final class CopyRows {
  private static final int TEXT_LIMIT = 256;

  private final List<WarehouseColumn> columns;
  private final int dataDateColumn;
  private final Optional<long[]> dataDateWindow;
  private final StringBuilder line = new StringBuilder(256);
  private byte[] bytes = new byte[1024];
  private final boolean truncateText;
  private long rows;

  /**
   * {@code window}: the [from, to) every row's data date must lie in, when loading one data date;
   * {@code truncateText}: text longer than its column is cut to fit (the seed tool's TRUNCATECOLUMNS), not refused.
   */
  CopyRows(WarehouseTable table, Optional<Instant[]> window, boolean truncateText) {
    this.truncateText = truncateText;
    this.columns = table.columns();
    this.dataDateColumn = columns.indexOf(table.dataDate());
    this.dataDateWindow = window.map(w -> new long[] {w[0].toEpochMilli() * 1000, w[1].toEpochMilli() * 1000});
  }

  /** Appends the current row of {@code source} to {@code out}. */
  void write(RowSource source, OutputStream out) throws IOException {
    line.setLength(0);
    for (int i = 0; i < columns.size(); i++) {
      WarehouseColumn column = columns.get(i);
      String value = source.value(i);
      if (value == null) {
        value = column.defaultValue().orElse(null);
      }
      if (i > 0) {
        line.append(',');
      }
      if (value == null) {
        if (column.notNull() || column.primaryKey()) {
          throw new BadRowException(source.file(), source.line(), column.name(), null,
              "null in a NOT NULL column");
        }
        continue;
      }
      try {
        if (i == dataDateColumn && dataDateWindow.isPresent()) {
          long micros = Timestamps.parseMicros(value); // parsed once: checked, then written
          long[] window = dataDateWindow.get();
          if (micros < window[0] || micros >= window[1]) {
            throw new BadRowException(source.file(), source.line(), column.name(), value,
                "data date outside the input's " + window(window));
          }
          appendTime(micros, column.type());
        } else {
          append(value, column.type());
        }
      } catch (NumberFormatException | ArithmeticException | DateTimeException e) {
        throw new BadRowException(source.file(), source.line(), column.name(), value,
            "not a " + column.type().label() + " value");
      } catch (IllegalArgumentException e) {
        throw new BadRowException(source.file(), source.line(), column.name(), value,
            "not a " + column.type().label() + " value: " + e.getMessage());
      }
    }
    line.append('\n');
    encode(out);
    rows++;
  }

  /** Rows written so far. */
  long rows() {
    return rows;
  }

  /** Appends the value as COPY reads it; throws when it is not of {@code type}. */
  private void append(String value, ColumnType type) {
    switch (type) {
      case BOOLEAN -> line.append(switch (value.strip().toLowerCase(Locale.ROOT)) {
        case "true", "t", "1", "yes" -> 't';
        case "false", "f", "0", "no" -> 'f';
        default -> throw new IllegalArgumentException("expected true or false");
      });
      case INT -> line.append(Math.toIntExact(whole(value.strip())));
      case BIGINT -> line.append(whole(value.strip()));
      case FLOAT -> {
        String v = value.strip();
        Double.parseDouble(v); // checked; written as given, PostgreSQL reads the same text
        line.append(v);
      }
      case DATE, TIMESTAMP -> appendTime(Timestamps.parseMicros(value), type);
      case TEXT, LONGTEXT -> {
        String text = text(value, type);
        line.append('"');
        if (text.indexOf('"') < 0) {
          line.append(text);
        } else {
          line.append(text.replace("\"", "\"\""));
        }
        line.append('"');
      }
    }
  }

  /** Appends a date or timestamp column's value, given in microseconds since the epoch. */
  private void appendTime(long micros, ColumnType type) {
    if (type == ColumnType.DATE) {
      Timestamps.appendDate(line, Math.floorDiv(micros, 86_400_000_000L));
    } else {
      Timestamps.append(line, micros);
    }
  }

  /** The value as COPY reads it; throws when it is not of {@code type}. */
  static String normalized(String value, ColumnType type) {
    CopyRows one = new CopyRows(new WarehouseTable("s", "t", List.of(
        new WarehouseColumn("c", type, Optional.empty(), false, false, false, 0)), "c"),
        Optional.empty(), false);
    one.append(value, type);
    return one.line.toString();
  }

  private static long whole(String v) {
    if (!v.isEmpty() && v.length() < 19) {
      long value = 0;
      int i = v.charAt(0) == '-' || v.charAt(0) == '+' ? 1 : 0;
      boolean digits = i < v.length();
      for (int j = i; j < v.length() && digits; j++) {
        char c = v.charAt(j);
        digits = c >= '0' && c <= '9';
        value = value * 10 + (c - '0');
      }
      if (digits) {
        return v.charAt(0) == '-' ? -value : value;
      }
    }
    try {
      return Long.parseLong(v);
    } catch (NumberFormatException e) {
      return new BigDecimal(v).longValueExact();
    }
  }

  private static String window(long[] window) {
    return Instant.ofEpochSecond(window[0] / 1_000_000) + " to "
        + Instant.ofEpochSecond(window[1] / 1_000_000);
  }

  /** Writes the line as UTF-8 without building a String (ASCII byte by byte, the rest through the encoder). */
  private void encode(OutputStream out) throws IOException {
    int n = line.length();
    if (bytes.length < n * 3) {
      bytes = new byte[n * 3];
    }
    int pos = 0;
    for (int i = 0; i < n; i++) {
      char c = line.charAt(i);
      if (c < 0x80) {
        bytes[pos++] = (byte) c;
      } else {
        byte[] rest = line.substring(i).getBytes(StandardCharsets.UTF_8);
        System.arraycopy(rest, 0, bytes, pos, rest.length);
        pos += rest.length;
        break;
      }
    }
    out.write(bytes, 0, pos);
  }

  private String text(String value, ColumnType type) {
    if (value.indexOf('\0') >= 0) {
      throw new IllegalArgumentException("contains a NUL character");
    }
    if (type == ColumnType.TEXT && value.codePointCount(0, value.length()) > TEXT_LIMIT) {
      if (!truncateText) {
        throw new IllegalArgumentException("longer than " + TEXT_LIMIT + " characters (use longtext, or"
            + " --truncate-text to cut it as the seed tool's TRUNCATECOLUMNS does)");
      }
      return value.substring(0, value.offsetByCodePoints(0, TEXT_LIMIT));
    }
    return value;
  }
}
