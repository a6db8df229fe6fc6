package io.tributary.spark.convert;

import io.tributary.spark.storage.FileStores;
import io.tributary.core.convert.Compression;
import io.tributary.core.convert.ConversionTarget;
import io.tributary.core.convert.ConversionUnit;
import io.tributary.core.convert.DatasetSchema;
import io.tributary.core.convert.OutputFormat;
import io.tributary.core.convert.PartitionLayout;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.hadoop.conf.Configuration;

/**
 * Converts one {@link ConversionUnit} on an executor: streams its day files in order, parses and checks
 * each row, routes it to the writer of its output partition and stages the files below the run's
 * staging directory. Rows that do not fit go to the unit's rejection report; a file that cannot be read
 * fails the unit (and so its dataset) with the file named.
 */
final class UnitConverter {
  private static final long DAY_SECONDS = 86_400;
  private static final long MIN_ROW_GROUP = 1 << 20;

  private final UnitTask task;
  private final Configuration conf;
  private final ConversionUnit unit;
  private final DatasetSchema schema;
  private final ConversionTarget target;
  private final PartitionWriter[] writers;
  private final List<String> stagedFiles = new ArrayList<>();
  private final List<CountingOutputStream> files = new ArrayList<>();
  private RejectsWriter rejects;
  private BufferAllocator allocator;
  private long rowsRead;
  private long rowsWritten;

  UnitConverter(UnitTask task, Configuration conf) {
    this.task = task;
    this.conf = conf;
    this.unit = task.unit();
    this.schema = task.schema();
    this.target = task.target();
    this.writers = new PartitionWriter[unit.partitions().size()];
  }

  /** Converts the unit; never throws: a failure is reported in the result, staged files are left to cleanup. */
  UnitResult convert() {
    try {
      for (int d = 0; d < unit.days().size(); d++) {
        convertDay(unit.days().get(d), task.sourceDataset() + "/" + task.dayFiles().get(d));
      }
      closeWriters();
      long rejected = rejects == null ? 0 : rejects.count();
      if (rejects != null) {
        rejects.close();
      }
      long bytes = files.stream().mapToLong(CountingOutputStream::count).sum();
      return new UnitResult(unit, rowsRead, rowsWritten, rejected, bytes, List.copyOf(stagedFiles),
          rejects != null, null);
    } catch (Exception e) {
      closeQuietly();
      return UnitResult.failed(unit, e.getMessage() == null ? e.toString() : e.getMessage());
    } finally {
      if (allocator != null) {
        allocator.close();
      }
    }
  }

  /** The gzip stream of {@code raw}; an empty file is named as such (no gzip header to read). */
  private static InputStream gunzip(String file, InputStream raw) throws IOException {
    try {
      return new GZIPInputStream(raw, 1 << 16);
    } catch (java.io.EOFException e) {
      throw new IOException(file + ": empty (0 bytes), not a gzip file", e);
    }
  }

  private void convertDay(Instant day, String file) throws IOException {
    try (InputStream raw = FileStores.of(file, conf).open(file);
        InputStream in = file.endsWith(".gz") ? gunzip(file, raw) : new java.io.BufferedInputStream(raw, 1 << 16)) {
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
      TypedRow row = new TypedRow(schema);
      long readBefore = rowsRead;
      long writtenBefore = rowsWritten;
      String firstProblem = null;
      long dayStart = day.getEpochSecond();
      long unitStart = unit.start().getEpochSecond();
      int timeIndex = schema.timeIndex();
      while (reader.next()) {
        rowsRead++;
        String problem = parser.parse(reader, row);
        if (schema.timeIndexFromFileDay()) {
          row.nulls[timeIndex] = false;
          row.longs[timeIndex] = dayStart;
        }
        if (problem == null) {
          long time = row.longs[timeIndex];
          if (time < dayStart || time >= dayStart + DAY_SECONDS) {
            problem = schema.timeIndexColumn() + ": " + time + " (" + Instant.ofEpochSecond(time)
                + ") is outside the file's day " + day;
          } else {
            int partition = writers.length == 1 ? 0 : (int) ((time - unitStart) / 3600);
            writer(partition).write(row);
            rowsWritten++;
            continue;
          }
        }
        if (firstProblem == null) {
          firstProblem = "line " + reader.line() + ": " + problem;
        }
        rejects(file).reject(file, reader.line(), problem, reader.rawText());
      }
      if (rowsRead > readBefore && rowsWritten == writtenBefore) {
        // Not one good row: the file is wrong as a whole (another day's file under this name, another feed).
        throw new IOException(file + ": every one of its " + (rowsRead - readBefore) + " rows was rejected, e.g. "
            + firstProblem);
      }
    } catch (java.io.EOFException e) {
      throw new IOException(file + ": not a valid gzip file (cut short: " + e.getMessage() + ")", e);
    } catch (java.util.zip.ZipException e) {
      throw new IOException(file + ": not a valid gzip file (" + e.getMessage() + ")", e);
    } catch (java.io.FileNotFoundException e) {
      throw new IOException(file + ": missing (" + e.getMessage() + ")", e);
    }
  }

  private PartitionWriter writer(int partition) throws IOException {
    PartitionWriter writer = writers[partition];
    if (writer == null) {
      Instant start = unit.partitions().get(partition);
      String relative = unit.dataset().path() + "/" + target.partitionFile(start);
      String path = task.stagingRoot() + "/" + relative;
      CountingOutputStream counted = new CountingOutputStream(FileStores.of(path, conf).create(path));
      files.add(counted);
      OutputStream out = new java.io.BufferedOutputStream(counted, 1 << 16);
      boolean dataClient = target.layout() == PartitionLayout.DATACLIENT;
      OutputStream file = dataClient ? WholeFileCompression.wrap(target.compression(), out) : out;
      Compression inFile = dataClient ? Compression.NONE : target.compression();
      long budget = task.memoryBudgetBytes() / writers.length;
      writer = target.format() == OutputFormat.PARQUET
          ? new ParquetPartitionWriter(file, schema, inFile, Math.max(MIN_ROW_GROUP, budget), conf)
          : new ArrowPartitionWriter(file, schema, inFile, batchRows(budget), allocator());
      writers[partition] = writer;
      stagedFiles.add(target.partitionFile(start));
    }
    return writer;
  }

  /** Rows per Arrow record batch within {@code budget} bytes, assuming ~32 bytes per value. */
  private int batchRows(long budget) {
    long perRow = 32L * schema.columns().size();
    return (int) Math.max(1024, Math.min(1 << 17, budget / 2 / perRow));
  }

  private BufferAllocator allocator() {
    if (allocator == null) {
      allocator = new RootAllocator(Long.MAX_VALUE);
    }
    return allocator;
  }

  private RejectsWriter rejects(String file) throws IOException {
    if (rejects == null) {
      String path = task.stagingRoot() + "/"
          + ConversionLayout.rejectsFile(unit.dataset(), unit, target.partitionSize());
      rejects = new RejectsWriter(FileStores.of(path, conf).create(path));
    }
    return rejects;
  }

  private void closeWriters() throws IOException {
    for (PartitionWriter writer : writers) {
      if (writer != null) {
        writer.close();
      }
    }
  }

  private void closeQuietly() {
    try {
      closeWriters();
    } catch (Exception | Error ignored) {
      // the unit failed already; its staged files are removed with the staging directory
    }
    try {
      if (rejects != null) {
        rejects.close();
      }
    } catch (IOException ignored) {
      // as above
    }
  }
}
