package io.tributary.bench;

import com.sun.management.GarbageCollectionNotificationInfo;
import io.tributary.convert.ConversionSummary;
import io.tributary.core.convert.DatasetId;
import io.tributary.local.LocalSpark;
import io.tributary.spark.ConvertArguments;
import io.tributary.spark.convert.ConversionJob;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import javax.management.NotificationEmitter;
import javax.management.openmbean.CompositeData;
import org.apache.spark.sql.SparkSession;

/**
 * Tributary conversions in their own JVM (so its heap limit and peak memory are its own), arguments as
 * ConvertMain's: the back-fill once on a new session (cold: the JIT has compiled nothing yet), again until
 * 10 s have passed (warm-up), then {@code -Dbench.runs} more times (warm, best kept), then, when {@code -Dbench.liveFillDay} names a day, a
 * live-fill of that one day on the same warm session. Prints
 * {@code RESULT coldSeconds warmSeconds rowsWritten peakHeapBytes peakLiveHeapBytes peakRssBytes liveFillSeconds}.
 */
public final class ConversionRun {
  /** Conversions before the timed ones, as long as their work keeps the JIT compiling: 10 s in all. */
  private static final long WARM_UP_NANOS = 10_000_000_000L;

  private ConversionRun() {}

  public static void main(String[] args) throws Exception {
    ConvertArguments arguments = ConvertArguments.parse(args);
    SparkSession spark = LocalSpark.start("tributary-bench-convert");
    HeapSampler heap = HeapSampler.start();
    try {
      ConversionJob job = new ConversionJob(spark, arguments.memoryBudgetBytes(), Clock.systemUTC());
      long[] rows = new long[1];
      double cold = timed(() -> {
        ConversionSummary summary = job.backfill(arguments.request(), arguments.runId());
        rows[0] = summary.rowsWritten();
        return summary;
      });
      // Warm-up as JMH does it: conversions until 10 s of work (the cold one included), then the timed ones.
      long warmUpEnd = System.nanoTime() + WARM_UP_NANOS - (long) (cold * 1e9);
      while (System.nanoTime() < warmUpEnd) {
        timed(() -> job.backfill(arguments.request(), arguments.runId()));
      }
      double warm = Double.NaN;
      for (int run = 0; run < Integer.getInteger("bench.runs", 1); run++) {
        double seconds = timed(() -> job.backfill(arguments.request(), arguments.runId()));
        warm = Double.isNaN(warm) ? seconds : Math.min(warm, seconds);
      }
      double liveFill = Double.NaN;
      String day = System.getProperty("bench.liveFillDay");
      if (day != null) {
        Map<DatasetId, Set<Instant>> changed = Map.of(DatasetId.parse("bench/prices"), Set.of(Instant.parse(day)));
        liveFill = timed(() -> job.liveFill(arguments.request(), changed, arguments.runId() + "-live"));
      }
      System.out.printf("RESULT %.3f %.3f %d %d %d %d %.3f%n", cold, warm, rows[0], heap.peak(), heap.peakLive(),
          peakRss(), liveFill);
    } finally {
      spark.stop();
    }
  }

  private interface Conversion {
    ConversionSummary run() throws Exception;
  }

  private static double timed(Conversion conversion) throws Exception {
    long start = System.nanoTime();
    ConversionSummary summary = conversion.run();
    double seconds = (System.nanoTime() - start) / 1e9;
    if (!summary.succeeded()) {
      throw new IllegalStateException(summary.render());
    }
    return seconds;
  }

  /**
   * The most heap in use (live data and garbage not yet collected) seen by sampling every 10 ms (the pools'
   * own peaks cannot be summed, they peak at different times), and the most heap left in use after a
   * collection: what the process holds, as opposed to the heap it fills with garbage before collecting.
   */
  static final class HeapSampler {
    private final AtomicLong peak = new AtomicLong();
    private final AtomicLong peakLive = new AtomicLong();

    static HeapSampler start() {
      HeapSampler sampler = new HeapSampler();
      for (GarbageCollectorMXBean collector : ManagementFactory.getGarbageCollectorMXBeans()) {
        ((NotificationEmitter) collector).addNotificationListener((notification, handback) -> {
          if (notification.getType().equals(GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION)) {
            GarbageCollectionNotificationInfo info =
                GarbageCollectionNotificationInfo.from((CompositeData) notification.getUserData());
            long after = info.getGcInfo().getMemoryUsageAfterGc().entrySet().stream()
                .filter(pool -> isHeap(pool.getKey())).mapToLong(pool -> pool.getValue().getUsed()).sum();
            sampler.peakLive.accumulateAndGet(after, Math::max);
          }
        }, null, null);
      }
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

    long peakLive() {
      return peakLive.get();
    }

    private static boolean isHeap(String pool) {
      return ManagementFactory.getMemoryPoolMXBeans().stream()
          .anyMatch(p -> p.getName().equals(pool) && p.getType() == MemoryType.HEAP);
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
