package io.tributary.convert;

import io.tributary.storage.Storage;
import java.util.ArrayList;
import java.util.List;

/**
 * Converts units one after another in this JVM, each encoding on the given threads: the live-fill function's
 * runner, for hour and day partitions, whose units are one day file each.
 */
public final class InProcessUnits implements UnitRunner {
  private final Storage storage;
  private final int encodeThreads;

  public InProcessUnits(Storage storage, int encodeThreads) {
    if (encodeThreads < 1) {
      throw new IllegalArgumentException("encode threads must be at least 1, not " + encodeThreads);
    }
    this.storage = storage;
    this.encodeThreads = encodeThreads;
  }

  @Override
  public List<UnitResult> convert(List<UnitTask> tasks) {
    List<UnitResult> results = new ArrayList<>(tasks.size());
    for (UnitTask task : tasks) {
      results.add(new UnitConverter(encodeThreads == 1 ? task : task.withEncodeThreads(encodeThreads), storage)
          .convert());
    }
    return results;
  }
}
