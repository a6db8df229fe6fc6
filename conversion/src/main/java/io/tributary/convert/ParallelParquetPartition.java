package io.tributary.convert;

import io.tributary.core.convert.Compression;
import io.tributary.core.convert.DatasetSchema;
import io.tributary.storage.Storage;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * Writes one Parquet partition file from many day files on several threads: the days are cut into runs
 * of consecutive days, each run is parsed and encoded into row groups by a pool thread, and the calling
 * thread appends the row groups to the file in day order. Memory stays bounded: each run hands over its
 * row groups through a queue of two, so a thread that is ahead waits holding at most three row groups (two
 * queued and the one it hands over), each a third of its share of the budget.
 */
final class ParallelParquetPartition {
  /** Runs per thread: enough to even out days of different sizes, few enough to keep row groups large. */
  private static final int RUNS_PER_THREAD = 4;

  /** What one run of days did, handed over after its last row group. */
  private record RunEnd(long read, long written, SpilledRejections rejections, Throwable failure) {}

  /** Consecutive days {@code [from, to)}, by their index in the unit. */
  private record Run(int from, int to) {}

  /** What converting the days did. */
  record Outcome(long read, long written) {}

  private final DatasetSchema schema;
  private final Compression codec;
  private final Storage storage;
  private final int threads;
  private final long rowGroupBytes;

  ParallelParquetPartition(DatasetSchema schema, Compression codec, Storage storage, int threads,
      long memoryBudget) {
    this.schema = schema;
    this.codec = codec;
    this.storage = storage;
    this.threads = threads;
    // Per thread, at most: two row groups queued and one being handed over (or encoded).
    this.rowGroupBytes = Math.max(ParquetRowGroupEncoder.MIN_ROW_GROUP, memoryBudget / (3L * threads));
  }

  /**
   * Converts {@code files} (the files of {@code days}, in order) into one Parquet file written to {@code out},
   * reporting rows that do not fit to {@code rejections} in day order.
   */
  Outcome write(List<Instant> days, List<String> files, OutputStream out, DayFileReader.Rejections rejections)
      throws IOException {
    List<Run> runs = runs(days.size());
    List<BlockingQueue<Object>> queues = new ArrayList<>();
    ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
      Thread thread = new Thread(r, "tributary-encode");
      thread.setDaemon(true);
      return thread;
    });
    try {
      for (Run run : runs) {
        // Two places: a run whose days fit one row group hands it over with its end and goes on to the next run.
        BlockingQueue<Object> queue = new ArrayBlockingQueue<>(2);
        queues.add(queue);
        pool.execute(() -> encodeRun(run, days, files, queue));
      }
      ParquetFile file = ParquetFile.start(out, ParquetRowGroupEncoder.messageType(schema),
          ParquetRowGroupEncoder.properties(schema, rowGroupBytes), rowGroupBytes);
      long read = 0;
      long written = 0;
      for (BlockingQueue<Object> queue : queues) {
        RunEnd end = drain(queue, file);
        failIfFailed(end);
        end.rejections().replayTo(rejections);
        read += end.read();
        written += end.written();
      }
      file.end();
      return new Outcome(read, written);
    } finally {
      pool.shutdownNow();
      discardUnreported(pool, queues);
    }
  }

  /** Rethrows what ended a run early: an Error (out of memory, say) as itself, as on the task's own thread. */
  private static void failIfFailed(RunEnd end) throws IOException {
    if (end.failure() == null) {
      return;
    }
    end.rejections().discard();
    if (end.failure() instanceof IOException io) {
      throw io;
    } else if (end.failure() instanceof Error error) {
      throw error;
    }
    throw new IOException(end.failure().getMessage(), end.failure());
  }

  /** After a failure: waits for the runs still going to stop, and removes the rejections none will report. */
  private static void discardUnreported(ExecutorService pool, List<BlockingQueue<Object>> queues) {
    try {
      pool.awaitTermination(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    for (BlockingQueue<Object> queue : queues) {
      for (Object item : queue) {
        if (item instanceof RunEnd end) {
          end.rejections().discard();
        }
      }
    }
  }

  /** The unit's days cut into consecutive runs, about {@link #RUNS_PER_THREAD} per thread. */
  private List<Run> runs(int dayCount) {
    int runCount = Math.min(dayCount, threads * RUNS_PER_THREAD);
    List<Run> runs = new ArrayList<>();
    for (int r = 0; r < runCount; r++) {
      runs.add(new Run(r * dayCount / runCount, (r + 1) * dayCount / runCount));
    }
    return runs;
  }

  private static RunEnd drain(BlockingQueue<Object> queue, ParquetFile file) throws IOException {
    while (true) {
      Object item;
      try {
        item = queue.take();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IOException("interrupted while writing a partition", e);
      }
      if (item instanceof RunEnd end) {
        return end;
      }
      file.append((ParquetRowGroupEncoder.RowGroup) item);
    }
  }

  private void encodeRun(Run run, List<Instant> days, List<String> files, BlockingQueue<Object> queue) {
    SpilledRejections rejected = new SpilledRejections();
    long read = 0;
    long written = 0;
    Throwable failure = null;
    try (ParquetRowGroupEncoder encoder = new ParquetRowGroupEncoder(schema, codec, rowGroupBytes, storage.hadoop())) {
      DayFileReader reader = new DayFileReader(schema, storage);
      for (int d = run.from(); d < run.to(); d++) {
        DayFileReader.Counts counts = reader.read(days.get(d), files.get(d), (row, time) -> put(queue, encoder.write(row)),
            rejected);
        read += counts.read();
        written += counts.accepted();
      }
      put(queue, encoder.finish());
    } catch (Exception | Error e) {
      failure = e; // every run ends with its RunEnd, or the writer would wait for it forever
    }
    try {
      queue.put(new RunEnd(read, written, rejected, failure));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt(); // the writer gave up: nobody waits for this run
    }
  }

  /**
   * The rows of one run that did not fit, kept in a local temporary file (created at the first) until the
   * run's turn to be reported, so that a run of mostly bad rows does not fill the heap.
   */
  private static final class SpilledRejections implements DayFileReader.Rejections {
    private Path file;
    private DataOutputStream out;
    private long count;

    @Override
    public void reject(String source, long line, String problem, String row) throws IOException {
      if (out == null) {
        file = Files.createTempFile("tributary-rejected-", ".bin");
        out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(file), 1 << 16));
      }
      writeText(source);
      out.writeLong(line);
      writeText(problem);
      writeText(row);
      count++;
    }

    private void writeText(String text) throws IOException {
      byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
      out.writeInt(bytes.length);
      out.write(bytes);
    }

    /** Hands every rejection to {@code target}, in the order they came, and deletes the file. */
    void replayTo(DayFileReader.Rejections target) throws IOException {
      if (out == null) {
        return;
      }
      out.close();
      try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file), 1 << 16))) {
        for (long r = 0; r < count; r++) {
          target.reject(readText(in), in.readLong(), readText(in), readText(in));
        }
      } finally {
        Files.deleteIfExists(file);
      }
    }

    private static String readText(DataInputStream in) throws IOException {
      byte[] bytes = new byte[in.readInt()];
      in.readFully(bytes);
      return new String(bytes, StandardCharsets.UTF_8);
    }

    /** Removes the file of a run that will not be reported (its unit failed). */
    void discard() {
      try {
        if (out != null) {
          out.close();
        }
        if (file != null) {
          Files.deleteIfExists(file);
        }
      } catch (IOException ignored) {
        // a temporary file; the next start of the machine removes it
      }
    }
  }

  private static void put(BlockingQueue<Object> queue, ParquetRowGroupEncoder.RowGroup group) throws IOException {
    if (group == null) {
      return;
    }
    try {
      queue.put(group);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while encoding a partition", e);
    }
  }
}
