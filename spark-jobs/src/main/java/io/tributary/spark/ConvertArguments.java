package io.tributary.spark;

import io.tributary.core.config.JobConfig;
import io.tributary.core.config.JobKind;
import io.tributary.core.convert.Compression;
import io.tributary.core.convert.ConversionRequest;
import io.tributary.core.convert.ConversionTarget;
import io.tributary.core.convert.DatasetId;
import io.tributary.core.convert.DatasetSchema;
import io.tributary.core.convert.SourceLayout;
import io.tributary.core.convert.OutputFormat;
import io.tributary.core.convert.PartitionLayout;
import io.tributary.core.convert.PartitionSize;
import io.tributary.core.convert.StorageUri;
import io.tributary.core.kind.convert.ConvertStepOptions;
import io.tributary.core.run.StepArguments;
import io.tributary.core.window.LoadWindow;
import io.tributary.core.window.WindowTime;
import io.tributary.spark.convert.ConversionJob;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * The arguments of {@link ConvertMain}, checked before Spark starts: {@code --source URI --dest URI
 * --format parquet|arrow --compression br|bz2|gz|lz4|zst|sz|none --layout athena|dataclient
 * --partition-size hour|day|month|year [--dataset C/D[,C/D...]] [--from DATE --to DATE]
 * [--time-index COLUMN] [--source-layout s3db|cubic-dmap --schema name:type,...] [--changed URI[,URI...]]
 * [--run-id ID] [--record-file URI]
 * [--memory-budget-mb N]}, or a convert job of the job table: {@code --job "<config.txt row>"
 * [--window-start T --window-stop T] [--changed URI,...] [--run-id ID] [--record-file URI]}. With
 * {@code --changed}, only the partitions holding those source objects are rewritten (live-fill); otherwise
 * the range or window (back-fill).
 */
public record ConvertArguments(ConversionRequest request, List<String> changedObjects, String runId,
    Optional<String> recordFile, long memoryBudgetBytes, Optional<StepArguments> step) {

  /** The job-table job and window a step of the state machine runs (its run record names them). */
  public record JobWindow(JobConfig job, LoadWindow window) {}

  private static final Set<String> FLAGS = Set.of("--source", "--dest", "--format", "--compression", "--layout",
      "--partition-size", "--dataset", "--from", "--to", "--time-index", "--changed", "--run-id", "--record-file",
      "--memory-budget-mb", "--source-layout", "--schema");
  private static final List<String> REQUIRED =
      List.of("--source", "--dest", "--format", "--compression", "--layout", "--partition-size");

  public ConvertArguments {
    changedObjects = List.copyOf(changedObjects);
  }

  /** The job and window of a convert job's step. */
  public Optional<JobWindow> jobWindow() {
    return step.map(s -> new JobWindow(s.job(), s.window()));
  }

  /** Parses {@code args}; throws IllegalArgumentException naming the flag at fault and what it expects. */
  public static ConvertArguments parse(String... args) {
    if (Arrays.asList(args).contains("--job")) {
      return forStep(StepArguments.parse(args));
    }
    Map<String, String> flags = StepFlags.parse(args, FLAGS);
    List<String> missing = REQUIRED.stream().filter(f -> !flags.containsKey(f)).toList();
    if (!missing.isEmpty()) {
      throw new IllegalArgumentException("missing " + String.join(", ", missing));
    }
    ConversionTarget target = flag("--format/--compression/--layout", () -> new ConversionTarget(
        OutputFormat.parse(flags.get("--format")), Compression.parse(flags.get("--compression")),
        PartitionLayout.parse(flags.get("--layout")), PartitionSize.parse(flags.get("--partition-size"))));
    List<DatasetId> datasets = new ArrayList<>();
    if (flags.containsKey("--dataset")) {
      for (String dataset : flags.get("--dataset").split(",")) {
        datasets.add(flag("--dataset", () -> DatasetId.parse(dataset.trim())));
      }
    }
    if (flags.containsKey("--from") != flags.containsKey("--to")) {
      throw new IllegalArgumentException("--from and --to go together");
    }
    Optional<LoadWindow> range = Optional.empty();
    if (flags.containsKey("--from")) {
      Instant from = flag("--from", () -> date(flags.get("--from")));
      Instant to = flag("--to", () -> date(flags.get("--to")));
      range = Optional.of(flag("--to", () -> new LoadWindow(from, to)));
    }
    List<String> changed = changedObjects(flags);
    if (!changed.isEmpty() && range.isPresent()) {
      throw new IllegalArgumentException("--changed (live-fill) and --from/--to (back-fill) exclude each other");
    }
    StorageUri source = flag("--source", () -> StorageUri.parse(flags.get("--source")));
    StorageUri dest = flag("--dest", () -> StorageUri.parse(flags.get("--dest")));
    if (source.overlaps(dest)) {
      throw new IllegalArgumentException("--source " + source + " and --dest " + dest
          + " overlap, expected a destination neither inside nor above the source");
    }
    Optional<LoadWindow> finalRange = range;
    SourceLayout layout = flag("--source-layout", () -> SourceLayout.parse(flags.getOrDefault("--source-layout", "s3db")));
    Optional<DatasetSchema> schema = flags.containsKey("--schema")
        ? Optional.of(flag("--schema", () -> DatasetSchema.declared(flags.get("--schema")))) : Optional.empty();
    ConversionRequest request = flag("--source-layout", () -> new ConversionRequest(source, dest, target,
        List.copyOf(new LinkedHashSet<>(datasets)), finalRange,
        flags.getOrDefault("--time-index", ConversionRequest.DEFAULT_TIME_INDEX), layout, schema));
    return new ConvertArguments(request, changed, runId(flags.getOrDefault("--run-id", "convert-" + UUID.randomUUID())),
        Optional.ofNullable(flags.get("--record-file")), memoryBudget(flags), Optional.empty());
  }

  /**
   * A convert job's step: its options say what to convert, the window which partitions (or the step's
   * changed objects which, for a live-fill).
   */
  public static ConvertArguments forStep(StepArguments step) {
    JobConfig job = step.job();
    if (job.kind() != JobKind.CONVERT) {
      throw new IllegalArgumentException("--job: '" + job.name() + "' is a " + job.kind().label()
          + " job; ConvertMain runs convert jobs");
    }
    List<String> changed = step.options(ConvertStepOptions.class).changedObjects();
    ConversionRequest request = job.conversion().request(job.outputDir(),
        changed.isEmpty() ? Optional.of(step.window()) : Optional.empty());
    return new ConvertArguments(request, changed, step.runId(), step.recordFile(),
        ConversionJob.DEFAULT_MEMORY_BUDGET, Optional.of(step));
  }

  /** A run id names a staging directory: letters, digits, {@code _ . -} only, so it cannot leave the destination. */
  private static String runId(String runId) {
    if (!io.tributary.core.run.StepArguments.isRunId(runId)) {
      throw new IllegalArgumentException("--run-id '" + runId
          + "' is not a run id, expected letters, digits, '_', '.', '-' (not starting with '.', at most 128)");
    }
    return runId;
  }

  private static List<String> changedObjects(Map<String, String> flags) {
    return flags.containsKey("--changed")
        ? Arrays.stream(flags.get("--changed").split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList()
        : List.of();
  }

  /** {@code --memory-budget-mb} in bytes: at least 8 MB, default {@link ConversionJob#DEFAULT_MEMORY_BUDGET}. */
  private static long memoryBudget(Map<String, String> flags) {
    long megabytes = flag("--memory-budget-mb", () -> Long.parseLong(flags.getOrDefault("--memory-budget-mb",
        Long.toString(ConversionJob.DEFAULT_MEMORY_BUDGET >> 20))));
    if (megabytes < 8) {
      throw new IllegalArgumentException("--memory-budget-mb: " + megabytes + " is below 8");
    }
    return megabytes << 20;
  }

  /** A DATE ({@code 2020-01-31}, UTC midnight) or a timestamp as the job table writes them. */
  static Instant date(String text) {
    if (text.matches("\\d{4}-\\d{2}-\\d{2}")) {
      return LocalDate.parse(text).atStartOfDay(ZoneOffset.UTC).toInstant();
    }
    return WindowTime.parse(text);
  }

  private static <T> T flag(String name, java.util.function.Supplier<T> parse) {
    try {
      return parse.get();
    } catch (RuntimeException e) {
      throw new IllegalArgumentException(name + ": " + e.getMessage(), e);
    }
  }
}
