package io.tributary.spark.warehouse;

import io.tributary.core.kind.warehouse.ColumnType;
import io.tributary.core.kind.warehouse.WarehouseColumn;
import io.tributary.core.kind.warehouse.WarehouseTable;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
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
  private static final DateTimeFormatter TIMESTAMP =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSSSSS").withZone(ZoneOffset.UTC);
  private static final int TEXT_LIMIT = 256;

  private final List<WarehouseColumn> columns;
  private final int dataDateColumn;
  private final Optional<Instant[]> dataDateWindow;
  private final StringBuilder line = new StringBuilder(256);
  private long rows;

  /** {@code window}: the [from, to) every row's data date must lie in, when loading one data date. */
  CopyRows(WarehouseTable table, Optional<Instant[]> window) {
    this.columns = table.columns();
    this.dataDateColumn = columns.indexOf(table.dataDate());
    this.dataDateWindow = window;
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
      String text;
      try {
        text = normalized(value, column.type());
      } catch (NumberFormatException | ArithmeticException | DateTimeParseException e) {
        throw new BadRowException(source.file(), source.line(), column.name(), value,
            "not a " + column.type().label() + " value");
      } catch (IllegalArgumentException e) {
        throw new BadRowException(source.file(), source.line(), column.name(), value,
            "not a " + column.type().label() + " value: " + e.getMessage());
      }
      if (i == dataDateColumn && dataDateWindow.isPresent()) {
        Instant date = instant(value);
        Instant[] window = dataDateWindow.get();
        if (date.isBefore(window[0]) || !date.isBefore(window[1])) {
          throw new BadRowException(source.file(), source.line(), column.name(), value,
              "data date outside the input's " + window[0] + " to " + window[1]);
        }
      }
      if (column.type() == ColumnType.TEXT || column.type() == ColumnType.LONGTEXT) {
        line.append('"').append(text.replace("\"", "\"\"")).append('"');
      } else {
        line.append(text);
      }
    }
    line.append('\n');
    out.write(line.toString().getBytes(StandardCharsets.UTF_8));
    rows++;
  }

  /** Rows written so far. */
  long rows() {
    return rows;
  }

  /** The value as COPY reads it; throws when it is not of {@code type}. */
  static String normalized(String value, ColumnType type) {
    String v = value.strip();
    return switch (type) {
      case BOOLEAN -> switch (v.toLowerCase(Locale.ROOT)) {
        case "true", "t", "1", "yes" -> "t";
        case "false", "f", "0", "no" -> "f";
        default -> throw new IllegalArgumentException("expected true or false");
      };
      case INT -> Integer.toString(Math.toIntExact(whole(v)));
      case BIGINT -> Long.toString(whole(v));
      case FLOAT -> Double.toString(Double.parseDouble(v));
      case DATE -> (v.length() == 10 ? LocalDate.parse(v) : LocalDate.ofInstant(instant(v), ZoneOffset.UTC)).toString();
      case TIMESTAMP -> TIMESTAMP.format(instant(v));
      case TEXT, LONGTEXT -> text(value, type);
    };
  }

  private static long whole(String v) {
    try {
      return Long.parseLong(v);
    } catch (NumberFormatException e) {
      return new BigDecimal(v).longValueExact();
    }
  }

  private static String text(String value, ColumnType type) {
    if (value.indexOf('\0') >= 0) {
      throw new IllegalArgumentException("contains a NUL character");
    }
    if (type == ColumnType.TEXT && value.codePointCount(0, value.length()) > TEXT_LIMIT) {
      throw new IllegalArgumentException("longer than " + TEXT_LIMIT + " characters (use longtext)");
    }
    return value;
  }

  /** A timestamp with a zone or offset, one without (UTC), or a date (its midnight, UTC). */
  static Instant instant(String text) {
    String v = text.strip();
    if (v.length() == 10) {
      return LocalDate.parse(v).atStartOfDay(ZoneOffset.UTC).toInstant();
    }
    String iso = v.length() > 10 && v.charAt(10) == ' ' ? v.substring(0, 10) + 'T' + v.substring(11) : v;
    try {
      return OffsetDateTime.parse(iso).toInstant();
    } catch (DateTimeParseException withoutZone) {
      return LocalDateTime.parse(iso).toInstant(ZoneOffset.UTC);
    }
  }
}
