package io.tributary.core.kind.convert;

import io.tributary.core.config.ConversionSource;
import io.tributary.core.config.JobConfig;
import io.tributary.core.config.JobRows;
import io.tributary.core.config.JobTableColumn;
import io.tributary.core.config.OutputLocation;
import io.tributary.core.config.RowCells;
import io.tributary.core.kind.JobKindDefinition;
import io.tributary.core.run.StepContext;
import io.tributary.core.run.StepFlag;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The convert kind: S3DB (or Cubic DMAP) files re-written as Parquet or Arrow, by window or live-fill. */
public final class ConvertKind extends JobKindDefinition<ConversionSource, ConvertStepOptions> {

  public ConvertKind() {
    super("convert", ConversionSource.class, ConvertStepOptions.class, "io.tributary.spark.ConvertMain",
        Set.of(StepFlag.CHANGED));
  }

  @Override
  public ConversionSource readSource(RowCells row, OutputLocation output) {
    return row.options(label(), "source=URI;format=...;compression=...;layout=...;partition_size=...",
        (cell, problems) -> ConversionSource.parse(cell, output, problems));
  }

  @Override
  protected Map<JobTableColumn, String> cells(ConversionSource source) {
    return JobRows.optionsCells(source.options());
  }

  @Override
  public ConvertStepOptions stepOptions(StepContext context) {
    return new ConvertStepOptions(context.changedObjects());
  }

  @Override
  public ConvertStepOptions readStepOptions(Map<StepFlag, String> flags) {
    String changed = flags.getOrDefault(StepFlag.CHANGED, "");
    return new ConvertStepOptions(Arrays.stream(changed.split(",")).map(String::trim).filter(s -> !s.isEmpty())
        .toList());
  }

  @Override
  public String describe(JobConfig job) {
    return String.format("%s: convert %s -> %s window %s, %s", job.name(), job.conversion().source(),
        job.outputDir(), job.window(), job.conversion().options());
  }
}
