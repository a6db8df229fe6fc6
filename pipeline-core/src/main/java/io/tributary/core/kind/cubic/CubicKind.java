package io.tributary.core.kind.cubic;

import io.tributary.core.config.CubicSource;
import io.tributary.core.config.JobConfig;
import io.tributary.core.config.JobRows;
import io.tributary.core.config.JobTableColumn;
import io.tributary.core.storage.StorageUri;
import io.tributary.core.config.RowCells;
import io.tributary.core.kind.JobKindDefinition;
import java.util.Map;

/**
 * The cubic-ingest kind: Cubic's incoming files (Qlik ODS snapshots and change tables, DMAP daily files, Kafka
 * batches) registered as loads, written to the raw zone as Parquet, ODS tables kept as current-state Delta
 * tables, each file archived or errored. A window run ingests every load ready at that time; the job's
 * {@code output_dir} is where its run records live.
 */
public final class CubicKind extends JobKindDefinition<CubicSource, CubicSettings> {

  public CubicKind() {
    super("cubic-ingest", CubicSource.class, CubicSettings.class, "io.tributary.spark.CubicIngestMain");
  }

  @Override
  public CubicSource readSource(RowCells row, StorageUri output) {
    return row.options(label(), "incoming=URI;springboard=URI;archive=URI;error=URI;tables=*", CubicSource::parse);
  }

  @Override
  protected Map<JobTableColumn, String> cells(CubicSource source) {
    return JobRows.optionsCells(source.options());
  }

  @Override
  public CubicSettings settings(Map<String, String> settings) {
    return CubicSettings.read(label(), settings);
  }

  /** Cubic's S3-event trigger runs a job as soon as its new loads are ready. */
  @Override
  public boolean runsTriggeredBatches() {
    return true;
  }

  @Override
  public String describe(JobConfig job) {
    CubicSource source = job.source(CubicSource.class);
    return String.format("%s: cubic-ingest %s/cubic -> %s (tables %s) window %s", job.name(), source.incoming(),
        source.springboard(), source.tables().option(), job.window());
  }
}
