package io.tributary.spark.convert;

import io.tributary.core.convert.ConversionTarget;
import io.tributary.core.convert.ConversionUnit;
import io.tributary.core.convert.DatasetSchema;
import java.io.Serializable;
import java.util.List;

/**
 * What an executor needs to convert one unit: the unit, its dataset's schema, the target, the source
 * dataset directory, its day files (relative to it, in the unit's day order; {@code .gz} ones are
 * gunzipped) and the staging directory of this run.
 */
record UnitTask(ConversionUnit unit, DatasetSchema schema, ConversionTarget target, String sourceDataset,
    List<String> dayFiles, String stagingRoot, long memoryBudgetBytes) implements Serializable {
  UnitTask {
    dayFiles = List.copyOf(dayFiles);
  }
}
