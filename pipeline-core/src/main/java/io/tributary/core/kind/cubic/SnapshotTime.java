package io.tributary.core.kind.cubic;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** How a snapshot (or an errored load's last-modified time) is written in a path: {@code 20220304T134556Z}. */
public final class SnapshotTime {
  private static final DateTimeFormatter PATH = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
      .withZone(ZoneOffset.UTC);

  private SnapshotTime() {}

  /** {@code at} as a path segment's value, to the second. */
  public static String format(Instant at) {
    return PATH.format(at);
  }
}
