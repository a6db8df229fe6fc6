package io.tributary.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * The state directory the demo keeps its job table, history and Cubic registry in: the one the other commands read
 * by default ({@code .tributary/state}), so that {@code history} and {@code cubic loads} find what the demo did.
 * Each demo starts it afresh; a directory holding state the demo did not write (no {@value #MARKER}) is refused,
 * never cleared.
 */
final class DemoState {
  /** The file that marks a state directory as the demo's. */
  static final String MARKER = "written-by-demo";

  private DemoState() {}

  /**
   * Empties {@code state} for a new demo, holding its lock meanwhile, and marks it as the demo's; throws naming
   * the directory when it holds state of other commands.
   */
  static void reset(Path state) {
    try (StateDirectoryLock lock = StateDirectoryLock.acquire(state)) {
      List<Path> entries;
      try (Stream<Path> listing = Files.list(state)) {
        entries = listing.filter(p -> !p.getFileName().toString().equals(StateDirectoryLock.FILE)).toList();
      }
      if (!entries.isEmpty() && !Files.exists(state.resolve(MARKER))) {
        throw new IllegalArgumentException(state + " holds a job table and history the demo did not write; the"
            + " demo clears its state each time, so give it another directory with --state");
      }
      for (Path entry : entries) {
        try (Stream<Path> tree = Files.walk(entry)) {
          for (Path path : tree.sorted(Comparator.reverseOrder()).toList()) {
            Files.delete(path);
          }
        }
      }
      Files.writeString(state.resolve(MARKER), "this directory is bin/tributary demo's; the next demo clears it\n");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot reset the demo's state directory " + state, e);
    }
  }
}
