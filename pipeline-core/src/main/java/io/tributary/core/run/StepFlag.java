package io.tributary.core.run;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Every flag of a step's arguments, by name: the one place a flag is spelled. */
public enum StepFlag {
  JOB("--job"),
  WINDOW_START("--window-start"),
  WINDOW_STOP("--window-stop"),
  RUN_ID("--run-id"),
  RECORD_FILE("--record-file"),
  SECRET_SOURCE("--secret-source"),
  CODEC("--codec"),
  CHANGED("--changed"),
  CUBIC_REGISTRY("--cubic-registry");

  /** The flags every kind's step takes. */
  public static final Set<StepFlag> COMMON = Set.of(JOB, WINDOW_START, WINDOW_STOP, RUN_ID, RECORD_FILE);

  private final String flag;

  StepFlag(String flag) {
    this.flag = flag;
  }

  /** As written on the command line, e.g. {@code --run-id}. */
  public String flag() {
    return flag;
  }

  /** The flag spelled {@code text}, if any. */
  public static Optional<StepFlag> fromFlag(String text) {
    return Arrays.stream(values()).filter(f -> f.flag.equals(text)).findFirst();
  }

  /**
   * The {@code --flag value} pairs of {@code args}, each flag in {@code known} and given at most once; throws
   * IllegalArgumentException naming an unknown, repeated or valueless flag.
   */
  public static Map<String, String> pairs(String[] args, Set<String> known) {
    Map<String, String> flags = new HashMap<>();
    for (int i = 0; i < args.length; i += 2) {
      if (!known.contains(args[i])) {
        throw new IllegalArgumentException("unknown argument '" + args[i] + "', expected one of "
            + known.stream().sorted().toList());
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
}
