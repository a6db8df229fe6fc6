package io.tributary.convert;

import io.tributary.core.convert.ConversionTarget;
import io.tributary.core.convert.ConversionUnit;
import io.tributary.core.convert.DatasetSchema;
import java.io.Serializable;
import java.util.List;

/**
 * What an executor needs to convert one unit: the unit, its dataset's schema, the target, the source
 * dataset directory, its day files (relative to it, in the unit's day order; {@code .gz} ones are
 * gunzipped), the staging directory of this run, the memory its writers may hold, and the threads it may
 * encode one partition file on (more than one when there are fewer units than cores).
 */
public record UnitTask(ConversionUnit unit, DatasetSchema schema, ConversionTarget target, String sourceDataset,
    List<String> dayFiles, String stagingRoot, long memoryBudgetBytes, int encodeThreads) implements Serializable {
  public UnitTask {
    dayFiles = List.copyOf(dayFiles);
    if (encodeThreads < 1) {
      throw new IllegalArgumentException("encodeThreads must be at least 1, got " + encodeThreads);
    }
  }

  /** This task with {@code threads} encode threads. */
  public UnitTask withEncodeThreads(int threads) {
    return new UnitTask(unit, schema, target, sourceDataset, dayFiles, stagingRoot, memoryBudgetBytes, threads);
  }
}
