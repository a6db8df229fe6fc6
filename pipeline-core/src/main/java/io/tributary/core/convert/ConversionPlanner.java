package io.tributary.core.convert;

import io.tributary.core.window.LoadWindow;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Predicate;

/**
 * Groups one dataset's day files into {@link ConversionUnit}s: whole output partitions, so a month or
 * year is always rewritten from all of its days, never from the one that changed.
 */
public final class ConversionPlanner {
  private final PartitionSize size;

  public ConversionPlanner(PartitionSize size) {
    this.size = size;
  }

  /** The units of every partition that meets {@code range} (all partitions when empty). */
  public List<ConversionUnit> forRange(DatasetId dataset, Collection<Instant> days, Optional<LoadWindow> range) {
    return units(dataset, days, unitStart -> range.isEmpty()
        || (unitStart.isBefore(range.get().stop()) && unitEnd(unitStart).isAfter(range.get().start())));
  }

  /** The units holding any of {@code changedDays}: what a live-fill must rewrite. */
  public List<ConversionUnit> forChanges(DatasetId dataset, Collection<Instant> days, Collection<Instant> changedDays) {
    Set<Instant> touched = new TreeSet<>();
    changedDays.forEach(day -> touched.add(unitStart(day)));
    return units(dataset, days, touched::contains);
  }

  private List<ConversionUnit> units(DatasetId dataset, Collection<Instant> days, Predicate<Instant> selected) {
    TreeMap<Instant, List<Instant>> byUnit = new TreeMap<>();
    new TreeSet<>(days).forEach(day -> byUnit.computeIfAbsent(unitStart(day), k -> new ArrayList<>()).add(day));
    List<ConversionUnit> units = new ArrayList<>();
    byUnit.forEach((start, unitDays) -> {
      if (selected.test(start)) {
        units.add(new ConversionUnit(dataset, start, unitEnd(start), unitDays, partitions(start)));
      }
    });
    return units;
  }

  private Instant unitStart(Instant day) {
    return size == PartitionSize.HOUR ? PartitionSize.DAY.start(day) : size.start(day);
  }

  private Instant unitEnd(Instant start) {
    return size == PartitionSize.HOUR ? PartitionSize.DAY.next(start) : size.next(start);
  }

  private List<Instant> partitions(Instant unitStart) {
    List<Instant> partitions = new ArrayList<>();
    for (Instant p = unitStart; p.isBefore(unitEnd(unitStart)); p = size.next(p)) {
      partitions.add(p);
    }
    return partitions;
  }
}
