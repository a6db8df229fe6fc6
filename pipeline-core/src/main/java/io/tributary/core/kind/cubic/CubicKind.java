package io.tributary.core.kind.cubic;

import io.tributary.core.config.CubicSource;
import io.tributary.core.config.JobConfig;
import io.tributary.core.config.JobRows;
import io.tributary.core.config.JobTableColumn;
import io.tributary.core.config.OutputLocation;
import io.tributary.core.config.RowCells;
import io.tributary.core.kind.JobKindDefinition;
import io.tributary.core.run.StepContext;
import io.tributary.core.run.StepFlag;
import java.util.Map;
import java.util.Set;

/**
 * The cubic-ingest kind: Cubic's incoming files (Qlik ODS snapshots and change tables, DMAP daily files, Kafka
 * batches) registered as loads, written to the raw zone as Parquet, ODS tables kept as current-state Delta
 * tables, each file archived or errored. A window run ingests every load ready at that time; the job's
 * {@code output_dir} is where its run records live.
 */
public final class CubicKind extends JobKindDefinition<CubicSource, CubicStepOptions> {

  public CubicKind() {
    super("cubic-ingest", CubicSource.class, CubicStepOptions.class, "io.tributary.spark.CubicIngestMain",
        Set.of(StepFlag.CUBIC_REGISTRY));
  }

  @Override
  public CubicSource readSource(RowCells row, OutputLocation output) {
    return row.options(label(), "incoming=URI;springboard=URI;archive=URI;error=URI;tables=*", CubicSource::parse);
  }

  @Override
  protected Map<JobTableColumn, String> cells(CubicSource source) {
    return JobRows.optionsCells(source.options());
  }

  @Override
  public CubicStepOptions stepOptions(StepContext context) {
    return new CubicStepOptions(context.cubicRegistry());
  }

  @Override
  public CubicStepOptions readStepOptions(Map<StepFlag, String> flags) {
    return new CubicStepOptions(flags.containsKey(StepFlag.CUBIC_REGISTRY)
        ? RegistryTableNames.parse(flags.get(StepFlag.CUBIC_REGISTRY)) : RegistryTableNames.defaults());
  }

  @Override
  public String describe(JobConfig job) {
    CubicSource source = job.source(CubicSource.class);
    return String.format("%s: cubic-ingest %s/cubic -> %s (tables %s) window %s", job.name(), source.incoming(),
        source.springboard(), source.tables().option(), job.window());
  }
}
