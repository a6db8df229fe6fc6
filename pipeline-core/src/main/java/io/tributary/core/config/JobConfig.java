package io.tributary.core.config;

import io.tributary.core.storage.StorageUri;
import io.tributary.core.window.LoadWindow;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One row of the job table: a named job, its current window, where it reads (a {@link JobSource}, which
 * says the job's kind) and writes.
 */
public record JobConfig(
    String name,
    LoadWindow window,
    JobState state,
    StorageUri outputDir,
    JobSource source) {
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,127}");

  public JobConfig {
    Objects.requireNonNull(name, "name");
    if (!isValidName(name)) {
      throw new IllegalArgumentException("invalid job name '" + name + "'");
    }
    Objects.requireNonNull(window, "window");
    Objects.requireNonNull(state, "state");
    Objects.requireNonNull(outputDir, "outputDir");
    Objects.requireNonNull(source, "source");
  }

  /** The job's kind, as its source says. */
  public JobKind kind() {
    return source.kind();
  }

  /** The job's source as the type its kind reads; throws naming the job when it is of another kind. */
  public <S extends JobSource> S source(Class<S> type) {
    if (type.isInstance(source)) {
      return type.cast(source);
    }
    throw new IllegalStateException("job '" + name + "' is a " + kind().label() + " job, not one reading "
        + type.getSimpleName());
  }

  /** The table a jdbc-ingest job reads. */
  public JdbcSource jdbc() {
    return source(JdbcSource.class);
  }

  /** What a convert job converts. */
  public ConversionSource conversion() {
    return source(ConversionSource.class);
  }

  /** True when {@code name} may name a job: letters, digits, {@code _ . -}, at most 128 characters. */
  public static boolean isValidName(String name) {
    return name != null && NAME.matcher(name).matches();
  }

  /** This job with another current window. */
  public JobConfig withWindow(LoadWindow newWindow) {
    return new JobConfig(name, newWindow, state, outputDir, source);
  }

  /** This job writing below another output directory. */
  public JobConfig withOutputDir(StorageUri newOutputDir) {
    return new JobConfig(name, window, state, newOutputDir, source);
  }

  /** This job with other bookkeeping state. */
  public JobConfig withState(JobState newState) {
    return new JobConfig(name, window, newState, outputDir, source);
  }
}
