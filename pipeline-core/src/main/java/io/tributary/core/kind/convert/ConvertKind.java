package io.tributary.core.kind.convert;

import io.tributary.core.config.ConversionSource;
import io.tributary.core.config.JobConfig;
import io.tributary.core.config.JobRows;
import io.tributary.core.config.JobTableColumn;
import io.tributary.core.storage.StorageUri;
import io.tributary.core.config.RowCells;
import io.tributary.core.kind.JobKindDefinition;
import io.tributary.core.kind.NoSettings;
import java.util.Map;

/** The convert kind: S3DB (or Cubic DMAP) files re-written as Parquet or Arrow, by window or live-fill. */
public final class ConvertKind extends JobKindDefinition<ConversionSource, NoSettings> {

  public ConvertKind() {
    super("convert", ConversionSource.class, NoSettings.class, "io.tributary.spark.ConvertMain");
  }

  @Override
  public ConversionSource readSource(RowCells row, StorageUri output) {
    return row.options(label(), "source=URI;format=...;compression=...;layout=...;partition_size=...",
        (cell, problems) -> ConversionSource.parse(cell, output, problems));
  }

  @Override
  protected Map<JobTableColumn, String> cells(ConversionSource source) {
    return JobRows.optionsCells(source.options());
  }

  @Override
  public NoSettings settings(Map<String, String> settings) {
    return NoSettings.read(label(), settings);
  }

  @Override
  public String describe(JobConfig job) {
    return String.format("%s: convert %s -> %s window %s, %s", job.name(), job.conversion().source(),
        job.outputDir(), job.window(), job.conversion().options());
  }
}
