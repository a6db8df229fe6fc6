package io.tributary.convert;

import io.tributary.storage.FileStore;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Units (whole partitions) of a dataset being published: {@code <dataset>/_tributary_publishing/<unit>} names the
 * run replacing that unit, written before its files move and removed after. One file per unit, so runs publishing
 * different units of one dataset at once (live-fills of two days) never touch each other's. Found by a later run,
 * a unit's file says the partition may be stale or missing; it stays until a run rewrites that unit. Read as a
 * whole, the units still marked and the runs that marked them.
 */
record PublishMarker(String runId, Set<String> units) {
  static final String DIRECTORY = "_tributary_publishing";

  PublishMarker {
    units = Set.copyOf(units);
  }

  /** The units of {@code datasetDestination} whose publish has not finished (or is under way), if any. */
  static Optional<PublishMarker> read(FileStore store, String datasetDestination) throws IOException {
    String directory = datasetDestination + "/" + DIRECTORY;
    Set<String> units = new LinkedHashSet<>();
    Set<String> runs = new TreeSet<>();
    for (FileStore.Entry entry : store.list(directory)) {
      if (entry.directory()) {
        continue;
      }
      units.add(entry.name());
      try (InputStream in = store.open(directory + "/" + entry.name())) {
        runs.add(new String(in.readAllBytes(), StandardCharsets.UTF_8).strip().replaceFirst("^run=", ""));
      }
    }
    return units.isEmpty() ? Optional.empty() : Optional.of(new PublishMarker(String.join(", ", runs), units));
  }

  /** Marks {@code units} of {@code datasetDestination} as being replaced by run {@code runId}. */
  static void mark(FileStore store, String datasetDestination, String runId, Set<String> units) throws IOException {
    for (String unit : units) {
      store.writeText(datasetDestination + "/" + DIRECTORY + "/" + unit, "run=" + runId + "\n");
    }
  }

  /** Removes the marks of {@code units}, once their files are all in place; the directory goes with the last. */
  static void clear(FileStore store, String datasetDestination, Set<String> units) throws IOException {
    String directory = datasetDestination + "/" + DIRECTORY;
    for (String unit : units) {
      store.delete(directory + "/" + unit);
    }
    if (store.list(directory).isEmpty()) {
      store.deleteTree(directory);
    }
  }
}
