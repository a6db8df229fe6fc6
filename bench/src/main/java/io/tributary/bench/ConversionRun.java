package io.tributary.bench;

import io.tributary.local.LocalSpark;
import io.tributary.spark.ConvertArguments;
import io.tributary.spark.convert.ConversionJob;
import io.tributary.spark.convert.ConversionSummary;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import org.apache.spark.sql.SparkSession;

/**
 * One Tributary conversion in its own JVM (so its heap limit and peak memory are its own): prints
 * {@code RESULT seconds rowsWritten peakHeapBytes peakRssBytes}. Arguments are ConvertMain's.
 */
public final class ConversionRun {
  private ConversionRun() {}

  public static void main(String[] args) throws Exception {
    ConvertArguments arguments = ConvertArguments.parse(args);
    SparkSession spark = LocalSpark.start("tributary-bench-convert");
    HeapSampler heap = HeapSampler.start();
    try {
      long start = System.nanoTime();
      ConversionSummary summary = new ConversionJob(spark, arguments.memoryBudgetBytes(), Clock.systemUTC())
          .backfill(arguments.request(), arguments.runId());
      double seconds = (System.nanoTime() - start) / 1e9;
      if (!summary.succeeded()) {
        throw new IllegalStateException(summary.render());
      }
      System.out.printf("RESULT %.3f %d %d %d%n", seconds, summary.rowsWritten(), heap.peak(), peakRss());
    } finally {
      spark.stop();
    }
  }

  /**
   * The most heap in use (live data and garbage not yet collected) seen by sampling every 10 ms: the
   * pools' own peaks cannot be summed, they peak at different times.
   */
  static final class HeapSampler {
    private final java.util.concurrent.atomic.AtomicLong peak = new java.util.concurrent.atomic.AtomicLong();

    static HeapSampler start() {
      HeapSampler sampler = new HeapSampler();
      Thread thread = new Thread(() -> {
        while (true) {
          sampler.peak.accumulateAndGet(ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed(), Math::max);
          try {
            Thread.sleep(10);
          } catch (InterruptedException e) {
            return;
          }
        }
      }, "heap-sampler");
      thread.setDaemon(true);
      thread.start();
      return sampler;
    }

    long peak() {
      return peak.get();
    }
  }

  /** The process's peak resident memory (heap, native buffers, code), from /proc. */
  static long peakRss() throws Exception {
    for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
      if (line.startsWith("VmHWM:")) {
        return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
      }
    }
    return -1;
  }
}
