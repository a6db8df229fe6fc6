package io.tributary.local;

import io.tributary.spark.convert.SparkUnits;
import org.apache.spark.scheduler.AccumulableInfo;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerJobStart;
import org.apache.spark.scheduler.SparkListenerTaskEnd;
import scala.collection.Iterator;

/**
 * Shows a conversion's progress: the units of each conversion job (from its description) and, as each task
 * ends, the units and rows its accumulators ({@link ConversionJob#UNITS_DONE}, {@link ConversionJob#ROWS_READ})
 * add.
 */
final class ConversionProgressListener extends SparkListener {
  private final Progress progress;

  ConversionProgressListener(Progress progress) {
    this.progress = progress;
  }

  @Override
  public void onJobStart(SparkListenerJobStart start) {
    String description = start.properties() == null ? null : start.properties().getProperty("spark.job.description");
    if (description != null && description.startsWith(SparkUnits.UNITS_JOB)) {
      progress.start(Long.parseLong(description.substring(SparkUnits.UNITS_JOB.length()).split(" ")[0]));
    }
  }

  @Override
  public void onTaskEnd(SparkListenerTaskEnd end) {
    long units = 0;
    long rows = 0;
    Iterator<AccumulableInfo> updates = end.taskInfo().accumulables().iterator();
    while (updates.hasNext()) {
      AccumulableInfo update = updates.next();
      String name = update.name().isDefined() ? update.name().get() : "";
      if (!update.update().isDefined()) {
        continue;
      }
      if (name.equals(SparkUnits.UNITS_DONE)) {
        units += ((Number) update.update().get()).longValue();
      } else if (name.equals(SparkUnits.ROWS_READ)) {
        rows += ((Number) update.update().get()).longValue();
      }
    }
    if (units > 0) {
      progress.advance(units, rows);
    }
  }
}
