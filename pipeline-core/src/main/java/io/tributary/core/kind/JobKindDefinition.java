package io.tributary.core.kind;

import io.tributary.core.config.JobConfig;
import io.tributary.core.config.JobSource;
import io.tributary.core.config.JobTableColumn;
import io.tributary.core.storage.StorageUri;
import io.tributary.core.config.RowCells;
import java.util.Map;

/**
 * Everything the core knows of one job kind, declared once: its label in config.txt, the source it reads
 * (its typed, validated options), its Spark entry point in the job jar, and the settings a deployment gives
 * its steps (its namespace of the deployment's settings, read and checked here). spark-jobs'
 * {@code SparkJobKinds} adds how a step runs, with the services its entry point hands it, and how its result
 * becomes a run record.
 *
 * @param <S> the kind's source
 * @param <O> the kind's deployment settings
 */
public abstract class JobKindDefinition<S extends JobSource, O extends KindSettings> {
  private final String label;
  private final Class<S> sourceType;
  private final Class<O> settingsType;
  private final String entryPoint;

  protected JobKindDefinition(String label, Class<S> sourceType, Class<O> settingsType, String entryPoint) {
    this.label = label;
    this.sourceType = sourceType;
    this.settingsType = settingsType;
    this.entryPoint = entryPoint;
  }

  /** The name used in config.txt's {@code script_source} column. */
  public final String label() {
    return label;
  }

  public final Class<S> sourceType() {
    return sourceType;
  }

  public final Class<O> settingsType() {
    return settingsType;
  }

  /**
   * The class name of the kind's {@code spark-submit} entry point. The Lambda functions build steps without
   * Spark on their classpath, so the core holds the name; spark-jobs' registry holds the class and a test
   * checks that the two agree.
   */
  public final String entryPoint() {
    return entryPoint;
  }

  /** Reads the kind's own cells of a row into its source, or returns null after recording each problem. */
  public abstract S readSource(RowCells cells, StorageUri output);

  /** The kind's own cells of {@code source}, as config.txt holds them. */
  protected abstract Map<JobTableColumn, String> cells(S source);

  /**
   * Reads and checks the kind's namespace of a deployment's settings (absent keys take their defaults); throws
   * IllegalArgumentException naming the key ({@code <label>.<key>}) and what it expects.
   */
  public abstract O settings(Map<String, String> settings);

  /**
   * True when the kind's jobs run batches started by an event trigger (a run now, besides their schedule; see
   * {@code RunPlanner.planTriggered}). False unless a kind says so.
   */
  public boolean runsTriggeredBatches() {
    return false;
  }

  /**
   * How many of the job's earlier loaded windows its step is handed ({@link io.tributary.core.history.LoadedWindow}),
   * to count again at the source or compare schemas with. None unless a kind says so.
   */
  public int earlierWindowsForStep(JobConfig job) {
    return 0;
  }

  /** One line saying what the job does, for {@code validate}. */
  public abstract String describe(JobConfig job);

  /** {@link #cells} of a source of this kind. */
  public final Map<JobTableColumn, String> writeCells(JobSource source) {
    return cells(sourceType.cast(source));
  }
}
