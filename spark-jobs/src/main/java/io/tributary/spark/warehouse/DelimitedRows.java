package io.tributary.spark.warehouse;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The seed tool's CSV (s3-to-redshift), read as its Redshift COPY reads it: no header, the fields in the config's
 * column order, split on {@code delimiter}; {@code REMOVEQUOTES} (a field's surrounding quotes removed, what they
 * hold kept whole, delimiters included), {@code ESCAPE} (a backslash takes the next character as it is, a newline
 * too), {@code TRIMBLANKS} (trailing blanks removed) and {@code EMPTYASNULL} (an empty field is null). A record with
 * another number of fields than the config's columns is a bad row.
 */
final class DelimitedRows implements RowSource {
  private final String file;
  private final BufferedReader in;
  private final char delimiter;
  private final int columns;
  private final List<String> fields = new ArrayList<>();
  private final StringBuilder field = new StringBuilder();
  private long line;
  private long nextLine = 1;

  DelimitedRows(String file, InputStream in, char delimiter, int columns) {
    this.file = file;
    this.in = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8), 1 << 16);
    this.delimiter = delimiter;
    this.columns = columns;
  }

  @Override
  public boolean next() throws IOException {
    fields.clear();
    field.setLength(0);
    line = nextLine;
    boolean quoted = false;
    boolean any = false;
    int c;
    while ((c = in.read()) >= 0) {
      any = true;
      if (c == '\\') {
        int escaped = in.read();
        if (escaped < 0) {
          throw new BadRowException(file, line, "-", null, "ends in an escape character");
        }
        if (escaped == '\n') {
          nextLine++;
        }
        field.append((char) escaped);
      } else if (c == '"' && (quoted || field.isEmpty())) {
        quoted = !quoted;
      } else if (quoted) {
        if (c == '\n') {
          nextLine++;
        }
        field.append((char) c);
      } else if (c == delimiter) {
        endField();
      } else if (c == '\n') {
        nextLine++;
        break;
      } else if (c != '\r') {
        field.append((char) c);
      }
    }
    if (!any) {
      return false;
    }
    if (quoted) {
      throw new BadRowException(file, line, "-", null, "a quoted field is not closed");
    }
    endField();
    if (fields.size() != columns) {
      throw new BadRowException(file, line, "-", null, "found " + fields.size() + " fields, expected " + columns
          + " (the config's columns, in order; delimiter '" + delimiter + "')");
    }
    return true;
  }

  private void endField() {
    int end = field.length();
    while (end > 0 && (field.charAt(end - 1) == ' ' || field.charAt(end - 1) == '\t')) {
      end--;
    }
    fields.add(end == 0 ? null : field.substring(0, end));
    field.setLength(0);
  }

  @Override
  public String value(int column) {
    return fields.get(column);
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
    in.close();
  }
}
