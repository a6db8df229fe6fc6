package io.tributary.spark;

import io.tributary.core.config.JobKind;
import io.tributary.core.config.WarehouseSource;
import io.tributary.core.history.RunRecord;
import io.tributary.core.run.StepDocument;
import io.tributary.spark.warehouse.TableOutcome;
import io.tributary.spark.warehouse.WarehouseCredentials;
import io.tributary.spark.warehouse.WarehouseLoad;
import io.tributary.spark.warehouse.WarehouseLoadRequest;
import java.io.PrintWriter;
import java.sql.Connection;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.apache.spark.sql.SparkSession;

/**
 * spark-submit entry point of a warehouse-load job's window: loads, per table, the latest input whose data
 * date lies in the window, prints the outcomes and reports the run record; fails (after every table was
 * tried) when any table failed.
 */
public final class WarehouseLoadMain {
  private WarehouseLoadMain() {}

  public static void main(String[] args) {
    StepRun.main(JobKind.WAREHOUSE_LOAD, args);
  }

  /**
   * Runs one window of a warehouse-load job: inputs read through the environment's Hadoop configuration, the
   * warehouse reached as the job's secret source (or the entry point's environment variables) says.
   */
  static RunRecord run(SparkSession spark, StepDocument step, StepEnvironment environment, PrintWriter out)
      throws Exception {
    long started = System.nanoTime();
    WarehouseSource source = step.job().source(WarehouseSource.class);
    List<TableOutcome> outcomes;
    try (Connection connection = WarehouseCredentials.open(
        WarehouseCredentials.resolve(source.secretSource(), environment.variables()))) {
      outcomes = new WarehouseLoad(connection, environment.hadoop()).run(WarehouseLoadRequest.forWindow(source, step.window()));
    }
    out.print(WarehouseLoad.render(outcomes));
    out.flush();
    List<String> failed = outcomes.stream().filter(o -> o.action().failed())
        .map(o -> o.table() + ": " + o.detail().orElse("failed")).toList();
    if (!failed.isEmpty()) {
      throw new IllegalStateException(String.join("; ", failed));
    }
    long rows = outcomes.stream().mapToLong(TableOutcome::rows).sum();
    return new RunRecord(rows, rows, 0, Optional.empty(), Optional.empty(), Duration.ofNanos(System.nanoTime() - started),
        "warehouse:" + source.schema() + "." + String.join(",", source.tables()));
  }
}
