package io.tributary.core.kind.warehouse;

import io.tributary.core.config.JobConfig;
import io.tributary.core.config.JobRows;
import io.tributary.core.config.JobTableColumn;
import io.tributary.core.storage.StorageUri;
import io.tributary.core.config.RowCells;
import io.tributary.core.config.WarehouseSource;
import io.tributary.core.kind.JobKindDefinition;
import io.tributary.core.kind.NoSettings;
import java.util.Map;

/**
 * The warehouse-load kind: the latest data of a bucket in the seed tool's layout (or a jdbc-ingest job's
 * published windows) into a SQL warehouse, tables created or evolved, each data date loaded once. A window
 * loads the inputs whose data date lies in it; the job's {@code output_dir} is where its run records live.
 */
public final class WarehouseKind extends JobKindDefinition<WarehouseSource, NoSettings> {

  public WarehouseKind() {
    super("warehouse-load", WarehouseSource.class, NoSettings.class, "io.tributary.spark.WarehouseLoadMain");
  }

  @Override
  public WarehouseSource readSource(RowCells row, StorageUri output) {
    return row.options(label(), "schema=...;tables=...;bucket=URI or source_job=JOB;config=URI",
        WarehouseSource::parse);
  }

  @Override
  protected Map<JobTableColumn, String> cells(WarehouseSource source) {
    return JobRows.optionsCells(source.options());
  }

  @Override
  public NoSettings settings(Map<String, String> settings) {
    return NoSettings.read(label(), settings);
  }

  @Override
  public String describe(JobConfig job) {
    WarehouseSource source = job.source(WarehouseSource.class);
    return String.format("%s: warehouse-load %s -> %s %s.%s window %s", job.name(),
        source.bucket().map(Object::toString).orElse("job " + source.sourceJob().orElse("?")),
        source.dialect().label(), source.schema(), String.join(",", source.tables()), job.window());
  }
}
