package io.tributary.core.kind.warehouse;

import io.tributary.core.config.JobConfig;
import io.tributary.core.config.JobRows;
import io.tributary.core.config.JobTableColumn;
import io.tributary.core.config.OutputLocation;
import io.tributary.core.config.RowCells;
import io.tributary.core.config.WarehouseSource;
import io.tributary.core.kind.JobKindDefinition;
import io.tributary.core.run.StepContext;
import io.tributary.core.run.StepFlag;
import java.util.Map;
import java.util.Set;

/**
 * The warehouse-load kind: the latest data of a bucket in the seed tool's layout (or a jdbc-ingest job's
 * published windows) into a SQL warehouse, tables created or evolved, each data date loaded once. A window
 * loads the inputs whose data date lies in it; the job's {@code output_dir} is where its run records live.
 */
public final class WarehouseKind extends JobKindDefinition<WarehouseSource, WarehouseStepOptions> {

  public WarehouseKind() {
    super("warehouse-load", WarehouseSource.class, WarehouseStepOptions.class, "io.tributary.spark.WarehouseLoadMain",
        Set.of());
  }

  @Override
  public WarehouseSource readSource(RowCells row, OutputLocation output) {
    return row.options(label(), "schema=...;tables=...;bucket=URI or source_job=JOB;config=URI",
        WarehouseSource::parse);
  }

  @Override
  protected Map<JobTableColumn, String> cells(WarehouseSource source) {
    return JobRows.optionsCells(source.options());
  }

  @Override
  public WarehouseStepOptions stepOptions(StepContext context) {
    return new WarehouseStepOptions();
  }

  @Override
  public WarehouseStepOptions readStepOptions(Map<StepFlag, String> flags) {
    return new WarehouseStepOptions();
  }

  @Override
  public String describe(JobConfig job) {
    WarehouseSource source = job.source(WarehouseSource.class);
    return String.format("%s: warehouse-load %s -> %s %s.%s window %s", job.name(),
        source.bucket().map(Object::toString).orElse("job " + source.sourceJob().orElse("?")),
        source.dialect().label(), source.schema(), String.join(",", source.tables()), job.window());
  }
}
