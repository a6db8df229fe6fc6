package io.tributary.spark.warehouse;

import io.tributary.core.kind.warehouse.InputFormat;
import io.tributary.storage.FileStore;
import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;
import org.apache.hadoop.conf.Configuration;

/**
 * The rows of an input, one at a time, as text per configured column (null when absent or null), with the
 * file and line each came from. Only the current row is held.
 */
interface RowSource extends AutoCloseable {

  /** Advances to the next row; false at the end. */
  boolean next() throws IOException;

  /** The current row's value of configured column {@code column}, or null. */
  String value(int column);

  /** The file of the current row. */
  String file();

  /** Its line (JSON lines, CSV) or row number (Parquet), from 1. */
  long line();

  @Override
  void close() throws IOException;

  /**
   * Reads {@code input}'s files in order, for {@code columns} (the config's, by name; a headerless input's in their
   * order, split on {@code options}' delimiter).
   */
  static RowSource open(WarehouseInput input, List<String> columns, FileStore store, Configuration conf,
      InputOptions options) {
    return new ConcatenatedRows(input.files(), file -> switch (input.format()) {
      case HEADERLESS, HEADERLESS_GZ -> new DelimitedRows(file, open(store, file, input.format()),
          options.delimiter().orElseThrow(() -> new IOException(file + ": a headerless CSV input (the seed tool's"
              + " ." + (input.format().gzip() ? "gz" : "<no extension>") + ") needs --delimiter, as its COPY does")),
          columns.size());
      case JSON, JSON_GZ -> new JsonLinesRows(file, open(store, file, input.format()), columns);
      case CSV_GZ -> new CsvRows(file, open(store, file, input.format()), columns);
      case PARQUET -> new ParquetRows(file, columns, conf);
      case MANIFEST -> throw new IllegalStateException(file + ": a manifest is resolved to its parts first (ManifestInput)");
    });
  }

  private static InputStream open(FileStore store, String file, InputFormat format) throws IOException {
    InputStream raw = new BufferedInputStream(store.open(file), 1 << 16);
    if (!format.gzip()) {
      return raw;
    }
    try {
      return new GZIPInputStream(raw, 1 << 16);
    } catch (EOFException e) {
      raw.close();
      throw new IOException(file + ": empty, expected a gzip file with a header", e);
    } catch (ZipException e) {
      raw.close();
      throw new IOException(file + ": not a gzip file (" + e.getMessage() + ")", e);
    }
  }

  /** Opens one file's rows. */
  @FunctionalInterface
  interface Opener {
    RowSource open(String file) throws IOException;
  }

  /** The files' rows one after the other. */
  final class ConcatenatedRows implements RowSource {
    private final List<String> files;
    private final Opener opener;
    private int next;
    private RowSource current;

    ConcatenatedRows(List<String> files, Opener opener) {
      this.files = files;
      this.opener = opener;
    }

    @Override
    public boolean next() throws IOException {
      while (true) {
        if (current != null && current.next()) {
          return true;
        }
        if (current != null) {
          current.close();
          current = null;
        }
        if (next == files.size()) {
          return false;
        }
        current = opener.open(files.get(next++));
      }
    }

    @Override
    public String value(int column) {
      return current.value(column);
    }

    @Override
    public String file() {
      return current.file();
    }

    @Override
    public long line() {
      return current.line();
    }

    @Override
    public void close() throws IOException {
      if (current != null) {
        current.close();
      }
    }
  }
}
