package io.tributary.core.config;

import java.util.List;
import java.util.stream.Collectors;

/** A job table rejected as a whole; carries every problem found, in file order. */
public final class InvalidJobTableException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final transient List<ConfigProblem> problems;

  public InvalidJobTableException(List<ConfigProblem> problems) {
    super(
        problems.size()
            + (problems.size() == 1 ? " problem" : " problems")
            + " in the job table, nothing loaded:\n"
            + problems.stream().map(ConfigProblem::toString).collect(Collectors.joining("\n")));
    this.problems = List.copyOf(problems);
  }

  /** The problems, in file order. */
  public List<ConfigProblem> problems() {
    return problems;
  }
}
