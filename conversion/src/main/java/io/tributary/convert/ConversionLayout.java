package io.tributary.convert;

import io.tributary.core.convert.ConversionUnit;
import io.tributary.core.convert.DatasetId;
import io.tributary.core.convert.PartitionSize;

/** Where things live below a destination root: staging and rejection reports. */
public final class ConversionLayout {
  public static final String STAGING = "_tributary_staging";
  public static final String REJECTED = "_rejected";
  public static final String METADATA = "METADATA.json";

  private ConversionLayout() {}

  /** The staging directory of one run below a destination root. */
  public static String stagingRoot(String destination, String runId) {
    return destination + "/" + STAGING + "/" + runId;
  }

  /** A unit's rejection report, relative to a destination (or staging) root. */
  public static String rejectsFile(DatasetId dataset, ConversionUnit unit, PartitionSize size) {
    return REJECTED + "/" + dataset.path() + "/" + unit.key(size) + ".csv";
  }
}
