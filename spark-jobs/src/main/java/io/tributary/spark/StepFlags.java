package io.tributary.spark;

import io.tributary.core.run.StepFlag;
import java.util.Map;
import java.util.Set;

/** The {@code --flag value} arguments of an entry point's own (non-step) mode, each given at most once. */
final class StepFlags {
  private StepFlags() {}

  /** The flags of {@code args}; throws IllegalArgumentException naming an unknown, repeated or valueless flag. */
  static Map<String, String> parse(String[] args, Set<String> known) {
    return StepFlag.pairs(args, known);
  }
}
