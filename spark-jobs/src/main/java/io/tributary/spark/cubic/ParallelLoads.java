package io.tributary.spark.cubic;

import io.tributary.core.kind.cubic.CubicLoad;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/** Work on many loads at once, each load's failure kept until all have ended. */
final class ParallelLoads {
  private ParallelLoads() {}

  /** Work on one load that may fail with an IOException. */
  interface LoadWork {
    void run(CubicLoad load) throws IOException;
  }

  /**
   * Runs {@code work} for each load, {@code threads} at once (each is a few requests to the store and the
   * registry, which wait on the network far more than they compute); throws the first failure once all have
   * ended.
   */
  static void run(List<CubicLoad> loads, int threads, LoadWork work) throws IOException {
    if (loads.isEmpty()) {
      return;
    }
    ExecutorService pool = Executors.newFixedThreadPool(Math.min(threads, loads.size()));
    try {
      List<Future<?>> running = new ArrayList<>();
      for (CubicLoad load : loads) {
        running.add(pool.submit(() -> {
          work.run(load);
          return null;
        }));
      }
      IOException failed = null;
      for (Future<?> each : running) {
        try {
          each.get();
        } catch (ExecutionException e) {
          if (e.getCause() instanceof Error error) {
            throw error;
          }
          IOException cause = e.getCause() instanceof IOException io ? io : new IOException(e.getCause());
          if (failed == null) {
            failed = cause;
          } else {
            failed.addSuppressed(cause);
          }
        }
      }
      if (failed != null) {
        throw failed;
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while finishing loads", e);
    } finally {
      pool.shutdownNow();
    }
  }
}
