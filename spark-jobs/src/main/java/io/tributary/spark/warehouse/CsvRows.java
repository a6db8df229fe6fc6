package io.tributary.spark.warehouse;

import io.tributary.convert.CsvRecordReader;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;

/**
 * CSV with a header row (RFC 4180: quoted fields, {@code ""} escapes); columns matched by header name,
 * columns the header lacks are null, an empty field is null. A row with another field count is a bad row.
 */
final class CsvRows implements RowSource {
  private final String file;
  private final InputStream in;
  private final CsvRecordReader reader;
  private final int[] fieldOfColumn;
  private int headerFields;

  CsvRows(String file, InputStream in, List<String> columns) throws IOException {
    this.file = file;
    this.in = in;
    this.reader = new CsvRecordReader(in);
    if (!reader.next()) {
      throw new IOException(file + ": no header row");
    }
    headerFields = reader.fieldCount();
    fieldOfColumn = new int[columns.size()];
    for (int c = 0; c < columns.size(); c++) {
      fieldOfColumn[c] = -1;
      for (int f = 0; f < headerFields; f++) {
        if (reader.text(f).strip().equalsIgnoreCase(columns.get(c))) {
          fieldOfColumn[c] = f;
        }
      }
    }
  }

  @Override
  public boolean next() throws IOException {
    if (!reader.next()) {
      return false;
    }
    if (reader.fieldCount() != headerFields) {
      throw new BadRowException(file, reader.line(), "-", null, "found " + reader.fieldCount()
          + " fields, expected " + headerFields + " as in the header");
    }
    return true;
  }

  @Override
  public String value(int column) {
    int field = fieldOfColumn[column];
    return field < 0 || reader.length(field) == 0 ? null : reader.text(field);
  }

  @Override
  public String file() {
    return file;
  }

  @Override
  public long line() {
    return reader.line();
  }

  @Override
  public void close() throws IOException {
    in.close();
  }
}
