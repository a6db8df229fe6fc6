package io.tributary.convert;

import io.tributary.core.convert.DatasetSchema;
import io.tributary.storage.Storage;
import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * Reads one day file of a dataset: parses each row by the dataset's schema, checks that its time falls in
 * the file's day and hands it to a sink. Rows that do not fit go to the rejections with their line and
 * reason; a file that cannot be read, or whose every row is rejected, fails with the file named.
 */
final class DayFileReader {
  private static final long DAY_SECONDS = 86_400;

  /** Takes the rows that fit, with their time (unix seconds); the row is reused after the call. */
  interface RowSink {
    void accept(TypedRow row, long time) throws IOException;
  }

  /** Takes the rows that do not fit. */
  interface Rejections {
    void reject(String file, long line, String problem, String row) throws IOException;
  }

  /** Rows read from a file, and of them those handed to the sink. */
  record Counts(long read, long accepted) {}

  private final DatasetSchema schema;
  private final Storage storage;

  DayFileReader(DatasetSchema schema, Storage storage) {
    this.schema = schema;
    this.storage = storage;
  }

  /** Reads {@code file}, the file of {@code day} (gunzipped when it ends in {@code .gz}). */
  Counts read(Instant day, String file, RowSink sink, Rejections rejections) throws IOException {
    try (InputStream raw = storage.store(file).open(file);
        InputStream in = file.endsWith(".gz") ? gunzip(file, raw) : new BufferedInputStream(raw, 1 << 16)) {
      CsvRecordReader reader = new CsvRecordReader(in);
      if (!reader.next()) {
        throw new IOException(file + ": no header row, expected a header naming the dataset's columns");
      }
      RowParser parser;
      try {
        parser = RowParser.forHeader(schema, reader);
      } catch (IllegalArgumentException e) {
        throw new IOException(file + ": " + e.getMessage(), e);
      }
      return readRows(day, file, reader, parser, sink, rejections);
    } catch (EOFException e) {
      throw new IOException(file + ": not a valid gzip file (cut short: " + e.getMessage() + ")", e);
    } catch (ZipException e) {
      throw new IOException(file + ": not a valid gzip file (" + e.getMessage() + ")", e);
    } catch (FileNotFoundException e) {
      throw new IOException(file + ": missing (" + e.getMessage() + ")", e);
    }
  }

  private Counts readRows(Instant day, String file, CsvRecordReader reader, RowParser parser, RowSink sink,
      Rejections rejections) throws IOException {
    TypedRow row = new TypedRow(schema);
    long read = 0;
    long accepted = 0;
    String firstProblem = null;
    long dayStart = day.getEpochSecond();
    int timeIndex = schema.timeIndex();
    while (reader.next()) {
      read++;
      String problem = parser.parse(reader, row);
      if (schema.timeIndexFromFileDay()) {
        row.nulls[timeIndex] = false;
        row.longs[timeIndex] = dayStart;
      }
      if (problem == null) {
        long time = row.longs[timeIndex];
        if (time >= dayStart && time < dayStart + DAY_SECONDS) {
          sink.accept(row, time);
          accepted++;
          continue;
        }
        problem = schema.timeIndexColumn() + ": " + time + " (" + Instant.ofEpochSecond(time)
            + ") is outside the file's day " + day;
      }
      if (firstProblem == null) {
        firstProblem = "line " + reader.line() + ": " + problem;
      }
      rejections.reject(file, reader.line(), problem, reader.rawText());
    }
    if (read > 0 && accepted == 0) {
      // Not one good row: the file is wrong as a whole (another day's file under this name, another feed).
      throw new IOException(file + ": every one of its " + read + " rows was rejected, e.g. " + firstProblem);
    }
    return new Counts(read, accepted);
  }

  /** The gzip stream of {@code raw}; an empty file is named as such (no gzip header to read). */
  private static InputStream gunzip(String file, InputStream raw) throws IOException {
    try {
      return new GZIPInputStream(raw, 1 << 16);
    } catch (EOFException e) {
      throw new IOException(file + ": empty (0 bytes), not a gzip file", e);
    }
  }
}
