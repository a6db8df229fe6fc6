package io.tributary.spark;

import io.tributary.core.config.JobConfig;
import io.tributary.core.run.StepArguments;
import io.tributary.core.secret.SecretSourceSpec;
import io.tributary.core.window.LoadWindow;
import io.tributary.spark.ingest.ParquetCodec;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * The arguments of {@link JdbcIngestMain}, validated before Spark starts:
 * {@code --job "<config.txt row, cells in header order>" [--window-start T --window-stop T] [--run-id ID]
 * [--secret-source ssm|env|file:PATH|ssm:URL,USER,PASSWORD] [--codec snappy] [--record-file URI]}.
 */
public record JdbcIngestArguments(
    JobConfig job, LoadWindow window, String runId, SecretSourceSpec secrets, ParquetCodec codec,
    Optional<String> recordFile) {
  private static final Set<String> FLAGS =
      Set.of("--job", "--window-start", "--window-stop", "--run-id", "--secret-source", "--codec", "--record-file");

  /** Parses {@code args}; throws IllegalArgumentException naming the flag at fault. */
  public static JdbcIngestArguments parse(String... args) {
    Map<String, String> flags = StepFlags.parse(args, FLAGS);
    String row = flags.get("--job");
    if (row == null) {
      throw new IllegalArgumentException("--job is required: a config.txt row, cells in header order");
    }
    JobConfig job = StepArguments.parseRow("--job", row);
    return new JdbcIngestArguments(job, StepFlags.window(flags, job.window()),
        flags.getOrDefault("--run-id", UUID.randomUUID().toString()),
        SecretSourceSpec.parse(flags.getOrDefault("--secret-source", "ssm")),
        ParquetCodec.parse(flags.getOrDefault("--codec", "snappy")),
        Optional.ofNullable(flags.get("--record-file")));
  }

  /** The arguments that run {@code job} for {@code window}, as a state machine step would pass them. */
  public static List<String> of(JobConfig job, LoadWindow window, String runId, SecretSourceSpec secrets,
      ParquetCodec codec) {
    return StepArguments.of(job, window, runId, secrets.toString(),
        codec.name().toLowerCase(java.util.Locale.ROOT), null);
  }
}
