package io.tributary.core.history;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What a window's run saw of its source, kept with the run so later runs can compare: the columns it wrote
 * (empty where the kind has no source schema) and, where the job asks for it, a checksum of the window's key and
 * window-column values.
 */
public record SourceSnapshot(List<SourceColumn> schema, Optional<Long> checksum) {
  /** A run that records nothing of its source. */
  public static final SourceSnapshot NONE = new SourceSnapshot(List.of(), Optional.empty());

  public SourceSnapshot {
    schema = List.copyOf(schema);
    Objects.requireNonNull(checksum, "checksum");
  }
}
