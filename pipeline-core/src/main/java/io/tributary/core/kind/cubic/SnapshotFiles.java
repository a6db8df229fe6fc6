package io.tributary.core.kind.cubic;

import java.util.Arrays;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Which LOAD file of an ODS table starts a new snapshot. By default {@code LOAD00000001} (any number of zeros, so
 * {@code LOAD1.csv.gz} too); per table, a file-name glob ({@code *} for any characters), as MBTA's pipeline keeps a
 * snapshot key per table (EDW.SAMPLE's is {@code LOAD1.csv.gz}, migration {@code 20220825021933}). Set by a
 * cubic-ingest job's {@code snapshot.<table>=<glob>} options.
 */
public record SnapshotFiles(Map<String, String> globs) {
  /** A glob is a file name with {@code *} wildcards. */
  public static final String GLOB = "[A-Za-z0-9_.*-]+";

  public SnapshotFiles {
    globs = Map.copyOf(globs);
    globs.forEach((table, glob) -> {
      if (!glob.matches(GLOB)) {
        throw new IllegalArgumentException("snapshot." + table + ": '" + glob + "' is not a file-name glob (letters,"
            + " digits, '_', '.', '-' and '*')");
      }
    });
  }

  /** The default for every table. */
  public static SnapshotFiles defaults() {
    return new SnapshotFiles(Map.of());
  }

  /** Whether {@code key} is the file that starts a new snapshot of its table. */
  public boolean startsSnapshot(IncomingKey key) {
    if (!key.isSnapshotFile()) {
      return false;
    }
    String glob = globs.get(key.tableName());
    return glob == null ? key.startsSnapshot() : matches(glob, key.fileName());
  }

  static boolean matches(String glob, String fileName) {
    String regex = Arrays.stream(glob.split("\\*", -1)).map(Pattern::quote).collect(Collectors.joining(".*"));
    return Pattern.matches(regex, fileName);
  }
}
