package io.tributary.spark.cubic;

import io.tributary.core.kind.cubic.CubicLoad;
import io.tributary.core.run.Failures;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes change files to the raw zone and says, per file, whether it is ready to apply: files of one layout
 * together in one Spark job (a task per file); when that fails, or for a file of its own layout, each alone,
 * {@code writers} at a time, so a bad file fails by itself with its own reason. Touches no registry: what to do
 * with a failure is the caller's.
 */
final class ChangeFileWriter {
  private static final Logger LOG = LoggerFactory.getLogger(ChangeFileWriter.class);
  private final LoadIngester ingester;
  private final int writers;

  ChangeFileWriter(LoadIngester ingester, int writers) {
    this.ingester = ingester;
    this.writers = writers;
  }

  /** A change file written and reconciled, or the reason it could not be. */
  record Outcome(CubicLoad load, Optional<LoadIngester.PreparedChanges> prepared, Optional<String> failure) {
    static Outcome written(LoadIngester.PreparedChanges prepared) {
      return new Outcome(prepared.load(), Optional.of(prepared), Optional.empty());
    }

    static Outcome failed(CubicLoad load, Exception e) {
      return new Outcome(load, Optional.empty(), Optional.of(LoadIngester.reason(load, e)));
    }
  }

  /** Each file's outcome by load id, in the order given. */
  Map<String, Outcome> writeAll(List<CubicLoad> loads) {
    Map<String, Outcome> done = new HashMap<>();
    Map<LoadIngester.SharedLayout, List<LoadIngester.ChangeFile>> byLayout = new LinkedHashMap<>();
    List<CubicLoad> alone = new ArrayList<>();
    for (CubicLoad load : loads) {
      ingester.changeFile(load).ifPresentOrElse(
          file -> byLayout.computeIfAbsent(file.layout(), x -> new ArrayList<>()).add(file), () -> alone.add(load));
    }
    for (List<LoadIngester.ChangeFile> group : byLayout.values()) {
      if (group.size() < 2 || !writtenTogether(group, done)) {
        group.forEach(file -> alone.add(file.load()));
      }
    }
    done.putAll(writeAlone(alone));
    Map<String, Outcome> ordered = new LinkedHashMap<>();
    loads.forEach(l -> ordered.put(l.id(), done.get(l.id())));
    return ordered;
  }

  /**
   * Starts {@link #writeAll} on a thread of its own, so the files are written while the caller's own Spark jobs
   * (a snapshot's) run; the caller must {@link Future#get} it (or cancel it) before it ends.
   */
  Future<Map<String, Outcome>> startWriting(List<CubicLoad> loads) {
    ExecutorService thread = Executors.newSingleThreadExecutor(r -> {
      Thread t = new Thread(r, "tributary-change-files");
      t.setDaemon(true);
      return t;
    });
    try {
      return thread.submit(() -> writeAll(loads));
    } finally {
      thread.shutdown();
    }
  }

  /**
   * Whether {@code group} was written in one job (its files then in {@code done}); false when that failed on the
   * files' input, logged with its cause, and each is then written alone to tell which one failed. A bug fails
   * the run.
   */
  private boolean writtenTogether(List<LoadIngester.ChangeFile> group, Map<String, Outcome> done) {
    try {
      ingester.prepareTogether(group).forEach(p -> done.put(p.load().id(), Outcome.written(p)));
      return true;
    } catch (Exception e) { // Spark's exceptions are checked in Java but thrown undeclared
      LOG.warn("writing {} change files together failed, writing each alone: {}", group.size(),
          Failures.describe(Failures.unlessBug(e)));
      return false;
    }
  }

  /** Each file written alone, {@code writers} at a time. */
  private Map<String, Outcome> writeAlone(List<CubicLoad> loads) {
    Map<String, Outcome> written = new ConcurrentHashMap<>();
    try {
      ParallelLoads.run(loads, writers, load -> {
        Outcome outcome;
        try {
          outcome = Outcome.written(ingester.prepare(load));
        } catch (Exception e) { // Spark's exceptions are checked in Java but thrown undeclared
          outcome = Outcome.failed(load, e);
        }
        written.put(load.id(), outcome);
      });
    } catch (IOException interrupted) { // each file's failure is its outcome: only an interrupt is left
      throw new UncheckedIOException(interrupted);
    }
    return written;
  }
}
