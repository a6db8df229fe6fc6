package io.tributary.spark.convert;

import io.tributary.core.convert.ConversionUnit;
import io.tributary.core.convert.DatasetId;
import io.tributary.core.convert.PartitionSize;

/** Where things live below a destination root: staging and rejection reports. */
final class ConversionLayout {
  static final String STAGING = "_tributary_staging";
  static final String REJECTED = "_rejected";
  static final String METADATA = "METADATA.json";

  private ConversionLayout() {}

  /** The staging directory of one run below a destination root. */
  static String stagingRoot(String destination, String runId) {
    return destination + "/" + STAGING + "/" + runId;
  }

  /** A unit's rejection report, relative to a destination (or staging) root. */
  static String rejectsFile(DatasetId dataset, ConversionUnit unit, PartitionSize size) {
    return REJECTED + "/" + dataset.path() + "/" + unit.key(size) + ".csv";
  }
}
