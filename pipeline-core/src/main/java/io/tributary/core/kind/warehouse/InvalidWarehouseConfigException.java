package io.tributary.core.kind.warehouse;

import java.util.List;

/** A warehouse table config refused whole: every problem as {@code file:line: field: what, expected}. */
public final class InvalidWarehouseConfigException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final List<String> problems;

  public InvalidWarehouseConfigException(String fileName, List<String> problems) {
    super(fileName + ": " + problems.size() + " problem(s) in the warehouse config\n" + String.join("\n", problems));
    this.problems = List.copyOf(problems);
  }

  public List<String> problems() {
    return problems;
  }
}
