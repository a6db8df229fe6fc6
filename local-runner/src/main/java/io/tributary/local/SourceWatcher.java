package io.tributary.local;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Finds new or changed {@code .csv.gz} files below a local directory by polling (size and modification
 * time), as S3 events would report them. The first scan is the baseline: files already there count as
 * converted.
 */
final class SourceWatcher {
  private final Path root;
  private final Map<Path, String> seen = new HashMap<>();

  SourceWatcher(Path root) throws IOException {
    this.root = root;
    scan();
  }

  /** The files that appeared or changed since the last scan. */
  List<Path> scan() throws IOException {
    List<Path> changed = new ArrayList<>();
    try (Stream<Path> files = Files.walk(root)) {
      for (Path file : files.filter(f -> f.getFileName().toString().endsWith(".csv.gz")).toList()) {
        String stamp;
        try {
          stamp = Files.size(file) + "@" + Files.getLastModifiedTime(file).toMillis();
        } catch (NoSuchFileException gone) {
          continue;
        }
        if (!stamp.equals(seen.put(file, stamp))) {
          changed.add(file);
        }
      }
    }
    return changed;
  }
}
