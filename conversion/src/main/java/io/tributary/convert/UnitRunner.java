package io.tributary.convert;

import java.io.IOException;
import java.util.List;

/**
 * Runs a conversion's units, each through {@link UnitConverter}, and returns one result per task: as Spark tasks
 * on a cluster, or in this JVM (the live-fill function, {@link InProcessUnits}).
 */
public interface UnitRunner {
  List<UnitResult> convert(List<UnitTask> tasks) throws IOException;
}
