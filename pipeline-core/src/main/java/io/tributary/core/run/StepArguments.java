package io.tributary.core.run;

import io.tributary.core.config.JobConfig;
import io.tributary.core.config.JobKind;
import io.tributary.core.config.JobRows;
import io.tributary.core.config.JobTableColumn;
import io.tributary.core.config.JobTableParser;
import io.tributary.core.kind.JobKindDefinition;
import io.tributary.core.kind.StepOptions;
import io.tributary.core.window.LoadWindow;
import io.tributary.core.window.WindowTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * The arguments of a job window's step, one typed contract that both writes them (the state machine's EMR
 * step, the local EMR) and parses them (the Spark entry points): the job's config.txt row (checked again
 * on the cluster), the window, the run id, where to write the run record, and the kind's own options.
 * Written as {@code --job ROW --window-start T --window-stop T --run-id ID [kind flags] [--record-file URI]}.
 */
public record StepArguments(JobConfig job, LoadWindow window, String runId, Optional<String> recordFile,
    StepOptions options) {

  public StepArguments {
    Objects.requireNonNull(job, "job");
    Objects.requireNonNull(window, "window");
    Objects.requireNonNull(runId, "runId");
    Objects.requireNonNull(recordFile, "recordFile");
    Objects.requireNonNull(options, "options");
    if (!job.kind().definition().optionsType().isInstance(options)) {
      throw new IllegalArgumentException("a " + job.kind().label() + " step cannot take " + options);
    }
  }

  /** The step of {@code job} for {@code window}, its options taken from {@code context} by the job's kind. */
  public static StepArguments of(JobConfig job, LoadWindow window, String runId, StepContext context,
      Optional<String> recordFile) {
    return new StepArguments(job, window, runId, recordFile, job.kind().definition().stepOptions(context));
  }

  /** The job's kind, which names the entry point. */
  public JobKind kind() {
    return job.kind();
  }

  /** The kind's options as their type. */
  public <O extends StepOptions> O options(Class<O> type) {
    return type.cast(options);
  }

  /** The argument list. */
  public List<String> toArgs() {
    List<String> args = new ArrayList<>(List.of(StepFlag.JOB.flag(), row(job),
        StepFlag.WINDOW_START.flag(), WindowTime.format(window.start()),
        StepFlag.WINDOW_STOP.flag(), WindowTime.format(window.stop()), StepFlag.RUN_ID.flag(), runId));
    options.flags().forEach((flag, value) -> args.addAll(List.of(flag.flag(), value)));
    recordFile.ifPresent(file -> args.addAll(List.of(StepFlag.RECORD_FILE.flag(), file)));
    return List.copyOf(args);
  }

  /**
   * Parses arguments written by {@link #toArgs}; throws IllegalArgumentException naming the flag at fault.
   * Without {@code --window-start/--window-stop} the job's own window is run; without {@code --run-id}, a
   * new one.
   */
  public static StepArguments parse(String... args) {
    Set<String> known = Arrays.stream(StepFlag.values()).map(StepFlag::flag).collect(Collectors.toSet());
    Map<StepFlag, String> flags = new EnumMap<>(StepFlag.class);
    StepFlag.pairs(args, known).forEach((flag, value) -> flags.put(StepFlag.fromFlag(flag).orElseThrow(), value));
    String row = flags.get(StepFlag.JOB);
    if (row == null) {
      throw new IllegalArgumentException("--job is required: a config.txt row, cells in header order");
    }
    JobConfig job = parseRow(StepFlag.JOB.flag(), row);
    JobKindDefinition<?, ?> kind = job.kind().definition();
    Set<StepFlag> allowed = new HashSet<>(StepFlag.COMMON);
    allowed.addAll(kind.stepFlags());
    for (StepFlag flag : flags.keySet()) {
      if (!allowed.contains(flag)) {
        throw new IllegalArgumentException(flag.flag() + " does not apply to a " + kind.label() + " job");
      }
    }
    Map<StepFlag, String> kindFlags = new EnumMap<>(StepFlag.class);
    kind.stepFlags().stream().filter(flags::containsKey).forEach(f -> kindFlags.put(f, flags.get(f)));
    StepOptions options;
    try {
      options = kind.readStepOptions(kindFlags);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(kindFlags.keySet().stream().map(StepFlag::flag)
          .collect(Collectors.joining("/")) + ": " + e.getMessage(), e);
    }
    String runId = flags.getOrDefault(StepFlag.RUN_ID, UUID.randomUUID().toString());
    if (!isRunId(runId)) {
      throw new IllegalArgumentException("--run-id '" + runId + "' is not a run id, expected letters, digits, '_',"
          + " '.', '-' (not starting with '.', at most 128)");
    }
    return new StepArguments(job, window(flags, job.window()), runId,
        Optional.ofNullable(flags.get(StepFlag.RECORD_FILE)), options);
  }

  /** True when {@code runId} may name a run: it becomes a directory name, so no path separators or {@code ..}. */
  public static boolean isRunId(String runId) {
    return runId != null && runId.matches("[A-Za-z0-9_-][A-Za-z0-9_.-]{0,127}");
  }

  private static LoadWindow window(Map<StepFlag, String> flags, LoadWindow jobWindow) {
    boolean start = flags.containsKey(StepFlag.WINDOW_START);
    if (start != flags.containsKey(StepFlag.WINDOW_STOP)) {
      throw new IllegalArgumentException("--window-start and --window-stop go together");
    }
    return start ? new LoadWindow(WindowTime.parse(flags.get(StepFlag.WINDOW_START)),
        WindowTime.parse(flags.get(StepFlag.WINDOW_STOP))) : jobWindow;
  }

  /** The job's config.txt row, cells in header order. */
  public static String row(JobConfig job) {
    Map<JobTableColumn, String> cells = JobRows.cells(job);
    return Arrays.stream(JobTableColumn.values()).map(cells::get).collect(Collectors.joining("|"));
  }

  /**
   * Reads back a row written by {@link #row} (or by an earlier version, without the optional columns),
   * with every problem named as coming from {@code flag}.
   */
  public static JobConfig parseRow(String flag, String row) {
    int cells = row.split("\\|", -1).length;
    List<JobTableColumn> columns = Arrays.stream(JobTableColumn.values())
        .filter(c -> cells >= JobTableColumn.values().length || !c.optional()).toList();
    String header = columns.stream().map(JobTableColumn::header).collect(Collectors.joining("|"));
    return JobTableParser.parse(flag, header + "\n" + row).get(0);
  }
}
