package io.tributary.core.config;

import io.tributary.core.window.LoadWindow;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One row of the job table: a named job of a kind, its current window, where it reads ({@link JdbcSource}
 * or {@link ConversionSource}) and writes.
 */
public record JobConfig(
    String name,
    JobKind kind,
    LoadWindow window,
    JobState state,
    OutputLocation outputDir,
    JobSource source) {
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,127}");

  public JobConfig {
    Objects.requireNonNull(name, "name");
    if (!isValidName(name)) {
      throw new IllegalArgumentException("invalid job name '" + name + "'");
    }
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(window, "window");
    Objects.requireNonNull(state, "state");
    Objects.requireNonNull(outputDir, "outputDir");
    Objects.requireNonNull(source, "source");
    if ((kind == JobKind.CONVERT) != (source instanceof ConversionSource)) {
      throw new IllegalArgumentException("job '" + name + "' of kind " + kind.label() + " cannot read " + source);
    }
  }

  /** The table a jdbc-ingest job reads. */
  public JdbcSource jdbc() {
    if (source instanceof JdbcSource jdbc) {
      return jdbc;
    }
    throw new IllegalStateException("job '" + name + "' is a " + kind.label() + " job, not jdbc-ingest");
  }

  /** What a convert job converts. */
  public ConversionSource conversion() {
    if (source instanceof ConversionSource conversion) {
      return conversion;
    }
    throw new IllegalStateException("job '" + name + "' is a " + kind.label() + " job, not convert");
  }

  /** True when {@code name} may name a job: letters, digits, {@code _ . -}, at most 128 characters. */
  public static boolean isValidName(String name) {
    return name != null && NAME.matcher(name).matches();
  }

  /** This job with another current window. */
  public JobConfig withWindow(LoadWindow newWindow) {
    return new JobConfig(name, kind, newWindow, state, outputDir, source);
  }

  /** This job writing below another output directory. */
  public JobConfig withOutputDir(OutputLocation newOutputDir) {
    return new JobConfig(name, kind, window, state, newOutputDir, source);
  }

  /** This job with other bookkeeping state. */
  public JobConfig withState(JobState newState) {
    return new JobConfig(name, kind, window, newState, outputDir, source);
  }
}
