package io.tributary.local;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The fenced code blocks of docs/operations.md as logical lines: a line ending in a backslash or inside a
 * single-quoted word joined with the next, a trailing {@code # comment} removed, indentation stripped.
 */
final class OperationsGuide {
  static final Path PATH = Path.of("..", "docs", "operations.md");

  /** One code block: the number of its opening line (from 0) and its logical lines. */
  record Block(int at, List<String> lines) {}

  private OperationsGuide() {}

  /** Every code block of the guide, in order. */
  static List<Block> blocks() throws IOException {
    List<Block> blocks = new ArrayList<>();
    List<String> all = Files.readAllLines(PATH);
    int opened = -1;
    List<String> lines = null;
    StringBuilder line = new StringBuilder();
    for (int at = 0; at < all.size(); at++) {
      String text = all.get(at).strip();
      if (text.startsWith("```")) {
        if (lines == null) {
          lines = new ArrayList<>();
          opened = at;
        } else {
          blocks.add(new Block(opened, List.copyOf(lines)));
          lines = null;
        }
      } else if (lines != null) {
        String code = text.replaceAll("\\s+#\\s.*$", "");
        boolean escaped = code.endsWith("\\");
        line.append(escaped ? code.substring(0, code.length() - 1).strip() : code).append(' ');
        boolean continued = escaped || line.chars().filter(c -> c == '\'').count() % 2 == 1;
        if (!continued) {
          lines.add(line.toString().strip());
          line.setLength(0);
        }
      }
    }
    return blocks;
  }

  /** The lines starting with {@code prefix} (such as {@code "aws "}) of every block. */
  static List<String> lines(String prefix) throws IOException {
    return blocks().stream().flatMap(b -> b.lines().stream()).filter(l -> l.startsWith(prefix)).toList();
  }

  /** The lines of the first block after the first line starting with {@code marker} (a heading, a sentence). */
  static List<String> block(String marker) throws IOException {
    List<String> all = Files.readAllLines(PATH);
    int at = 0;
    while (at < all.size() && !all.get(at).startsWith(marker)) {
      at++;
    }
    int from = at;
    return blocks().stream().filter(b -> b.at() > from).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no code block after '" + marker + "' in " + PATH)).lines();
  }

  /** The {@code bin/tributary} lines of {@link #block}, each as its words without {@code bin/tributary}. */
  static List<List<String>> commands(String marker) throws IOException {
    return block(marker).stream().filter(l -> l.startsWith("bin/tributary "))
        .map(l -> List.of(l.substring("bin/tributary ".length()).split("\\s+"))).toList();
  }
}
