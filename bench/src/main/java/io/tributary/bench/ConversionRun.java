package io.tributary.bench;

import io.tributary.local.LocalSpark;
import io.tributary.spark.ConvertArguments;
import io.tributary.spark.convert.ConversionJob;
import io.tributary.spark.convert.ConversionSummary;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
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
    try {
      long start = System.nanoTime();
      ConversionSummary summary = new ConversionJob(spark, arguments.memoryBudgetBytes(), Clock.systemUTC())
          .backfill(arguments.request(), arguments.runId());
      double seconds = (System.nanoTime() - start) / 1e9;
      if (!summary.succeeded()) {
        throw new IllegalStateException(summary.render());
      }
      System.out.printf("RESULT %.3f %d %d %d%n", seconds, summary.rowsWritten(), peakHeap(), peakRss());
    } finally {
      spark.stop();
    }
  }

  /** The sum of the heap pools' peaks: an upper bound of the heap ever in use. */
  static long peakHeap() {
    long peak = 0;
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == MemoryType.HEAP) {
        peak += pool.getPeakUsage().getUsed();
      }
    }
    return peak;
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
