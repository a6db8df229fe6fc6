package io.tributary.spark;

import java.time.DateTimeException;
import io.tributary.core.convert.Compression;
import io.tributary.core.convert.ConversionRequest;
import io.tributary.core.convert.ConversionTarget;
import io.tributary.core.convert.DatasetId;
import io.tributary.core.convert.DatasetSchema;
import io.tributary.core.convert.SourceLayout;
import io.tributary.core.convert.OutputFormat;
import io.tributary.core.convert.PartitionLayout;
import io.tributary.core.convert.PartitionSize;
import io.tributary.core.storage.StorageUri;
import io.tributary.core.run.StepDocument;
import io.tributary.core.window.LoadWindow;
import io.tributary.core.window.WindowTime;
import io.tributary.convert.Conversion;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * The arguments of {@link ConvertMain}, checked before Spark starts: {@code --source URI --dest URI
 * --format parquet|arrow --compression br|bz2|gz|lz4|zst|sz|none --layout athena|dataclient
 * --partition-size hour|day|month|year [--dataset C/D[,C/D...]] [--from DATE --to DATE]
 * [--time-index COLUMN] [--source-layout s3db|cubic-dmap --schema name:type,...] [--changed URI[,URI...]]
 * [--run-id ID] [--record-file URI]
 * [--memory-budget-mb N]}, or a convert job's step ({@link #forStep}). With {@code --changed}, only the
 * partitions holding those source objects are rewritten (live-fill); otherwise the range or window
 * (back-fill). These flags are spelled here only: a job's step takes its {@link StepDocument} instead.
 */
public record ConvertArguments(ConversionRequest request, List<String> changedObjects, String runId,
    Optional<String> recordFile, long memoryBudgetBytes) {

  private static final Set<String> FLAGS = Set.of("--source", "--dest", "--format", "--compression", "--layout",
      "--partition-size", "--dataset", "--from", "--to", "--time-index", "--changed", "--run-id", "--record-file",
      "--memory-budget-mb", "--source-layout", "--schema");
  private static final List<String> REQUIRED =
      List.of("--source", "--dest", "--format", "--compression", "--layout", "--partition-size");

  public ConvertArguments {
    changedObjects = List.copyOf(changedObjects);
  }

  /** Parses {@code args}; throws IllegalArgumentException naming the flag at fault and what it expects. */
  public static ConvertArguments parse(String... args) {
    Map<String, String> flags = flags(args);
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
      throw new IllegalArgumentException("--source " + source.viaS3a() + " and --dest " + dest.viaS3a()
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
        Optional.ofNullable(flags.get("--record-file")), memoryBudget(flags));
  }

  /**
   * A convert job's step: its options say what to convert, the window which partitions (or the step's
   * changed objects which, for a live-fill).
   */
  public static ConvertArguments forStep(StepDocument step) {
    List<String> changed = step.changedObjects();
    ConversionRequest request = step.job().conversion().request(step.job().outputDir(),
        changed.isEmpty() ? Optional.of(step.window()) : Optional.empty());
    return new ConvertArguments(request, changed, step.runId(), step.recordFile(),
        Conversion.DEFAULT_MEMORY_BUDGET);
  }

  /**
   * The {@code --flag value} pairs of {@code args}, each flag one of {@link #FLAGS} and given at most once;
   * throws IllegalArgumentException naming an unknown, repeated or valueless flag.
   */
  private static Map<String, String> flags(String[] args) {
    Map<String, String> flags = new HashMap<>();
    for (int i = 0; i < args.length; i += 2) {
      if (!FLAGS.contains(args[i])) {
        throw new IllegalArgumentException("unknown argument '" + args[i] + "', expected one of "
            + FLAGS.stream().sorted().toList());
      }
      if (i + 1 >= args.length) {
        throw new IllegalArgumentException(args[i] + " needs a value");
      }
      if (flags.put(args[i], args[i + 1]) != null) {
        throw new IllegalArgumentException(args[i] + " is given twice");
      }
    }
    return flags;
  }

  /** A run id names a staging directory: letters, digits, {@code _ . -} only, so it cannot leave the destination. */
  private static String runId(String runId) {
    if (!StepDocument.isRunId(runId)) {
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
        Long.toString(Conversion.DEFAULT_MEMORY_BUDGET >> 20))));
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

  private static <T> T flag(String name, Supplier<T> parse) {
    try {
      return parse.get();
    } catch (IllegalArgumentException | DateTimeException e) {
      throw new IllegalArgumentException(name + ": " + e.getMessage(), e);
    }
  }
}
