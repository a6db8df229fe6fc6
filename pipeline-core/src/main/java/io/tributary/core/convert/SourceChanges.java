package io.tributary.core.convert;

import io.tributary.core.storage.StorageUri;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * A batch of new or updated source objects, as S3 events (or a local watcher) report them, reduced to
 * the days that changed per dataset below one source root. However many objects land together, each day
 * appears once, so each affected partition is rewritten once. Objects that are not day files below the
 * root are listed as ignored, with the reason.
 */
public record SourceChanges(Map<DatasetId, Set<Instant>> changedDays, List<String> ignored) {

  public SourceChanges {
    Map<DatasetId, Set<Instant>> copy = new TreeMap<>(Comparator.comparing(DatasetId::path));
    changedDays.forEach((dataset, days) -> copy.put(dataset, Collections.unmodifiableSet(new TreeSet<>(days))));
    changedDays = Collections.unmodifiableMap(copy);
    ignored = List.copyOf(ignored);
  }

  /** The changes among {@code objectUris} (full URIs, s3:// or s3a:// or file:) below an S3DB {@code root}. */
  public static SourceChanges of(StorageUri root, Collection<String> objectUris) {
    return of(root, SourceLayout.S3DB, objectUris);
  }

  /** The changes among {@code objectUris} below {@code root}, files laid out as {@code layout}. */
  public static SourceChanges of(StorageUri root, SourceLayout layout, Collection<String> objectUris) {
    Map<DatasetId, Set<Instant>> days = new TreeMap<>(Comparator.comparing(DatasetId::path));
    List<String> ignored = new ArrayList<>();
    for (String uri : objectUris) {
      Optional<String> relative = root.relativize(uri);
      if (relative.isEmpty()) {
        ignored.add(uri + ": not below " + root);
        continue;
      }
      try {
        SourceLayout.DayFile file = layout.dayFile(relative.get());
        days.computeIfAbsent(file.dataset(), d -> new TreeSet<>()).add(file.day());
      } catch (IllegalArgumentException e) {
        ignored.add(uri + ": " + e.getMessage());
      }
    }
    return new SourceChanges(days, ignored);
  }

  public boolean isEmpty() {
    return changedDays.isEmpty();
  }
}
