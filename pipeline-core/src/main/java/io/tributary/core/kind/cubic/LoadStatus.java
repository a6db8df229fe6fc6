package io.tributary.core.kind.cubic;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/**
 * Where a load is in its lifecycle: {@code ready -> ingesting -> ready_for_archiving | ready_for_erroring ->
 * archiving | erroring -> archived | errored}. A load may also be registered straight into
 * {@code ready_for_erroring} (an empty object, a data file without its dfm, a change file before any snapshot), or
 * as {@code ignored}: an object that is neither a data file of its feed nor a {@code .dfm} (a README, say), recorded
 * so that it is seen, never ingested, archived or errored.
 */
public enum LoadStatus {
  READY, INGESTING, READY_FOR_ARCHIVING, READY_FOR_ERRORING, ARCHIVING, ERRORING, ARCHIVED, ERRORED, IGNORED;

  /** The statuses this one may move to. */
  public Set<LoadStatus> next() {
    return switch (this) {
      case READY -> EnumSet.of(INGESTING);
      case INGESTING -> EnumSet.of(READY_FOR_ARCHIVING, READY_FOR_ERRORING);
      case READY_FOR_ARCHIVING -> EnumSet.of(ARCHIVING);
      case READY_FOR_ERRORING -> EnumSet.of(ERRORING);
      case ARCHIVING -> EnumSet.of(ARCHIVED);
      case ERRORING -> EnumSet.of(ERRORED);
      case ARCHIVED, ERRORED, IGNORED -> EnumSet.noneOf(LoadStatus.class);
    };
  }

  /** Whether the lifecycle allows moving from this status to {@code to}. */
  public boolean canMoveTo(LoadStatus to) {
    return next().contains(to);
  }

  /** Whether the load is done: archived, errored or ignored. */
  public boolean isFinal() {
    return this == ARCHIVED || this == ERRORED || this == IGNORED;
  }

  /** As the registry stores it, e.g. {@code ready_for_archiving}. */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The status labelled {@code label}. */
  public static LoadStatus fromLabel(String label) {
    return Arrays.stream(values()).filter(s -> s.label().equals(label)).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("'" + label + "' is not a load status, expected one of "
            + Arrays.stream(values()).map(LoadStatus::label).toList()));
  }
}
