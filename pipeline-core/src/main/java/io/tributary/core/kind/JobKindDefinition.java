package io.tributary.core.kind;

import io.tributary.core.config.JobConfig;
import io.tributary.core.config.JobSource;
import io.tributary.core.config.JobTableColumn;
import io.tributary.core.config.OutputLocation;
import io.tributary.core.config.RowCells;
import io.tributary.core.run.StepContext;
import io.tributary.core.run.StepFlag;
import java.util.Map;
import java.util.Set;

/**
 * Everything the core knows of one job kind, declared once: its label in config.txt, the source it reads
 * (its typed, validated options), its Spark entry point in the job jar, and the step flags it adds to the
 * common ones. spark-jobs' {@code SparkJobKinds} adds how a step runs and how its result becomes a run record.
 *
 * @param <S> the kind's source
 * @param <O> the kind's step options
 */
public abstract class JobKindDefinition<S extends JobSource, O extends StepOptions> {
  private final String label;
  private final Class<S> sourceType;
  private final Class<O> optionsType;
  private final String entryPoint;
  private final Set<StepFlag> stepFlags;

  protected JobKindDefinition(String label, Class<S> sourceType, Class<O> optionsType, String entryPoint,
      Set<StepFlag> stepFlags) {
    this.label = label;
    this.sourceType = sourceType;
    this.optionsType = optionsType;
    this.entryPoint = entryPoint;
    this.stepFlags = Set.copyOf(stepFlags);
  }

  /** The name used in config.txt's {@code script_source} column. */
  public final String label() {
    return label;
  }

  public final Class<S> sourceType() {
    return sourceType;
  }

  public final Class<O> optionsType() {
    return optionsType;
  }

  /**
   * The class name of the kind's {@code spark-submit} entry point. The Lambda functions build steps without
   * Spark on their classpath, so the core holds the name; spark-jobs' registry holds the class and a test
   * checks that the two agree.
   */
  public final String entryPoint() {
    return entryPoint;
  }

  /** The flags a step of this kind takes besides the common ones. */
  public final Set<StepFlag> stepFlags() {
    return stepFlags;
  }

  /** Reads the kind's own cells of a row into its source, or returns null after recording each problem. */
  public abstract S readSource(RowCells cells, OutputLocation output);

  /** The kind's own cells of {@code source}, as config.txt holds them. */
  protected abstract Map<JobTableColumn, String> cells(S source);

  /** The step options of a window run, from the deployment's settings. */
  public abstract O stepOptions(StepContext context);

  /** The step options read back from a step's flags (only this kind's flags are present). */
  public abstract O readStepOptions(Map<StepFlag, String> flags);

  /** One line saying what the job does, for {@code validate}. */
  public abstract String describe(JobConfig job);

  /** {@link #cells} of a source of this kind. */
  public final Map<JobTableColumn, String> writeCells(JobSource source) {
    return cells(sourceType.cast(source));
  }
}
