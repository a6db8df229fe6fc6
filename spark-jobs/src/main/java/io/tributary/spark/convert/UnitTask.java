package io.tributary.spark.convert;

import io.tributary.core.convert.ConversionTarget;
import io.tributary.core.convert.ConversionUnit;
import io.tributary.core.convert.DatasetSchema;
import java.io.Serializable;

/**
 * What an executor needs to convert one unit: the unit, its dataset's schema, the target, the source
 * dataset directory and the staging directory of this run.
 */
record UnitTask(ConversionUnit unit, DatasetSchema schema, ConversionTarget target, String sourceDataset,
    String stagingRoot, long memoryBudgetBytes) implements Serializable {}
