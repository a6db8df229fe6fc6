package io.tributary.convert;

import io.tributary.core.convert.Compression;
import io.tributary.core.convert.ConversionTarget;
import io.tributary.core.convert.ConversionUnit;
import io.tributary.core.convert.DatasetSchema;
import io.tributary.core.convert.OutputFormat;
import io.tributary.core.convert.PartitionLayout;
import io.tributary.core.run.Failures;
import io.tributary.storage.Storage;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;

/**
 * Converts one {@link ConversionUnit} on an executor: streams its day files in order, parses and checks
 * each row, routes it to the writer of its output partition and stages the files below the run's
 * staging directory. Rows that do not fit go to the unit's rejection report; a file that cannot be read
 * fails the unit (and so its dataset) with the file named.
 */
public final class UnitConverter {
  private final UnitTask task;
  private final Storage storage;
  private final ConversionUnit unit;
  private final DatasetSchema schema;
  private final ConversionTarget target;
  private final PartitionWriter[] writers;
  private final long unitStart;
  private final List<String> stagedFiles = new ArrayList<>();
  private final List<CountingOutputStream> files = new ArrayList<>();
  private RejectsWriter rejects;
  private BufferAllocator allocator;
  private long rowsRead;
  private long rowsWritten;

  public UnitConverter(UnitTask task, Storage storage) {
    this.task = task;
    this.storage = storage;
    this.unit = task.unit();
    this.schema = task.schema();
    this.target = task.target();
    this.writers = new PartitionWriter[unit.partitions().size()];
    this.unitStart = unit.start().getEpochSecond();
  }

  /** Converts the unit; never throws: a failure is reported in the result, staged files are left to cleanup. */
  public UnitResult convert() {
    try {
      if (encodesInParallel()) {
        convertInParallel();
      } else {
        DayFileReader reader = new DayFileReader(schema, storage);
        for (int d = 0; d < unit.days().size(); d++) {
          DayFileReader.Counts counts = reader.read(unit.days().get(d), dayFile(d), this::route, this::reject);
          rowsRead += counts.read();
          rowsWritten += counts.accepted();
        }
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
      Failures.unlessBug(e); // a bug fails the task with its trace; bad input or storage fails the unit
      return UnitResult.failed(unit, e.getMessage() == null ? e.toString() : e.getMessage());
    } finally {
      if (allocator != null) {
        allocator.close();
      }
    }
  }

  /**
   * A unit of one Parquet file from several days is parsed and encoded on the task's threads when it has
   * more than one (a year or month partition converted while cores are idle).
   */
  private boolean encodesInParallel() {
    return writers.length == 1 && unit.days().size() > 1 && target.format() == OutputFormat.PARQUET
        && threads() > 1;
  }

  private int threads() {
    return Math.min(task.encodeThreads(), Runtime.getRuntime().availableProcessors());
  }

  private String dayFile(int d) {
    return task.sourceDataset() + "/" + task.dayFiles().get(d);
  }

  private void route(TypedRow row, long time) throws IOException {
    int partition = writers.length == 1 ? 0 : (int) ((time - unitStart) / 3600);
    writer(partition).write(row);
  }

  private void reject(String file, long line, String problem, String row) throws IOException {
    rejects(file).reject(file, line, problem, row);
  }

  private void convertInParallel() throws IOException {
    List<String> dayFiles = new ArrayList<>();
    for (int d = 0; d < unit.days().size(); d++) {
      dayFiles.add(dayFile(d));
    }
    ParallelParquetPartition partition = new ParallelParquetPartition(schema, inFileCompression(), storage, threads(),
        task.memoryBudgetBytes());
    try (OutputStream out = openPartitionFile(0)) {
      ParallelParquetPartition.Outcome outcome = partition.write(unit.days(), dayFiles, out, this::reject);
      rowsRead += outcome.read();
      rowsWritten += outcome.written();
    }
    if (rowsWritten == 0) {
      // As when written row by row: a partition without rows has no file (its old one is removed).
      stagedFiles.clear();
      files.clear();
    }
  }

  private PartitionWriter writer(int partition) throws IOException {
    PartitionWriter writer = writers[partition];
    if (writer == null) {
      OutputStream file = openPartitionFile(partition);
      long budget = task.memoryBudgetBytes() / writers.length;
      writer = target.format() == OutputFormat.PARQUET
          ? new ParquetPartitionWriter(file, schema, inFileCompression(), Math.max(ParquetRowGroupEncoder.MIN_ROW_GROUP, budget),
              storage.hadoop())
          : new ArrowPartitionWriter(file, schema, inFileCompression(), batchRows(budget), allocator());
      writers[partition] = writer;
    }
    return writer;
  }

  /** Creates the staged file of a partition: counted, buffered, compressed whole for the dataclient layout. */
  private OutputStream openPartitionFile(int partition) throws IOException {
    Instant start = unit.partitions().get(partition);
    String relative = unit.dataset().path() + "/" + target.partitionFile(start);
    String path = task.stagingRoot() + "/" + relative;
    CountingOutputStream counted = new CountingOutputStream(storage.store(path).create(path));
    files.add(counted);
    stagedFiles.add(target.partitionFile(start));
    OutputStream out = new BufferedOutputStream(counted, 1 << 16);
    return target.layout() == PartitionLayout.DATACLIENT ? WholeFileCompression.wrap(target.compression(), out) : out;
  }

  /** The compression inside the file: none for the dataclient layout, which compresses files whole. */
  private Compression inFileCompression() {
    return target.layout() == PartitionLayout.DATACLIENT ? Compression.NONE : target.compression();
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
      rejects = new RejectsWriter(storage.store(path).create(path));
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
    } catch (IOException | RuntimeException ignored) {
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
