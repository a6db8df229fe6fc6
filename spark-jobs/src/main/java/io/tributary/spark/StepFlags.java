package io.tributary.spark;

import io.tributary.core.window.LoadWindow;
import io.tributary.core.window.WindowTime;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/** The {@code --flag value} arguments of the Spark entry points, each given at most once. */
final class StepFlags {
  private StepFlags() {}

  /** The flags of {@code args}; throws IllegalArgumentException naming an unknown, repeated or valueless flag. */
  static Map<String, String> parse(String[] args, Set<String> known) {
    Map<String, String> flags = new HashMap<>();
    for (int i = 0; i < args.length; i += 2) {
      if (!known.contains(args[i])) {
        throw new IllegalArgumentException("unknown argument '" + args[i] + "', expected one of " + known);
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

  /** The window of {@code --window-start}/{@code --window-stop} (given together), else {@code jobWindow}. */
  static LoadWindow window(Map<String, String> flags, LoadWindow jobWindow) {
    if (flags.containsKey("--window-start") != flags.containsKey("--window-stop")) {
      throw new IllegalArgumentException("--window-start and --window-stop go together");
    }
    return flags.containsKey("--window-start")
        ? new LoadWindow(WindowTime.parse(flags.get("--window-start")), WindowTime.parse(flags.get("--window-stop")))
        : jobWindow;
  }
}
