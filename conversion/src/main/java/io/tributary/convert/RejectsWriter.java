package io.tributary.convert;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;

/**
 * A rejection report: a CSV of {@code source_file,line,reason,row} with the row exactly as it was read,
 * so a fixed row can be found and re-submitted.
 */
final class RejectsWriter implements AutoCloseable {
  static final String HEADER = "source_file,line,reason,row";

  private final Writer out;
  private long count;

  RejectsWriter(OutputStream stream) throws IOException {
    out = new BufferedWriter(new OutputStreamWriter(stream, StandardCharsets.UTF_8));
    out.write(HEADER);
    out.write('\n');
  }

  void reject(String file, long line, String reason, String row) throws IOException {
    out.write(quote(file));
    out.write(',');
    out.write(Long.toString(line));
    out.write(',');
    out.write(quote(reason));
    out.write(',');
    out.write(quote(row));
    out.write('\n');
    count++;
  }

  long count() {
    return count;
  }

  private static String quote(String value) {
    return '"' + value.replace("\"", "\"\"") + '"';
  }

  @Override
  public void close() throws IOException {
    out.close();
  }
}
