package io.tributary.convert;

import io.tributary.storage.FileStore;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A dataset being published: {@code <dataset>/_tributary_publishing} names the run and the units (whole
 * partitions) it is replacing, written before the first file moves and removed after the last. Found by a
 * later run, it says the dataset may hold a mix of old and new partitions; that run keeps it, with the units
 * it did not rewrite itself, until every one of them has been rewritten.
 */
record PublishMarker(String runId, Set<String> units) {
  static final String FILE = "_tributary_publishing";

  PublishMarker {
    units = Set.copyOf(units);
  }

  /** The marker of {@code datasetDestination}, if a publish there did not finish. */
  static Optional<PublishMarker> read(FileStore store, String datasetDestination) throws IOException {
    String uri = datasetDestination + "/" + FILE;
    if (!store.exists(uri)) {
      return Optional.empty();
    }
    try (InputStream in = store.open(uri)) {
      List<String> lines = new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
      String run = lines.isEmpty() ? "?" : lines.get(0).replaceFirst("^run=", "");
      return Optional.of(new PublishMarker(run, new LinkedHashSet<>(lines.subList(Math.min(1, lines.size()),
          lines.size()))));
    }
  }

  void write(FileStore store, String datasetDestination) throws IOException {
    store.writeText(datasetDestination + "/" + FILE, "run=" + runId + "\n" + String.join("\n", units) + "\n");
  }

  static void remove(FileStore store, String datasetDestination) throws IOException {
    store.delete(datasetDestination + "/" + FILE);
  }
}
