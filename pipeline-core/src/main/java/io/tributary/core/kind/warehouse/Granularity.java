package io.tributary.core.kind.warehouse;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Locale;

/** How finely data dates are compared and replaced: whole UTC days or hours. */
public enum Granularity {
  DAY(ChronoUnit.DAYS),
  HOUR(ChronoUnit.HOURS);

  private final ChronoUnit unit;

  Granularity(ChronoUnit unit) {
    this.unit = unit;
  }

  /** The start of the day or hour holding {@code instant}. */
  public Instant truncate(Instant instant) {
    return instant.truncatedTo(unit);
  }

  /** The start of the next day or hour after {@code start}. */
  public Instant next(Instant start) {
    return start.plus(Duration.of(1, unit));
  }

  /** {@code 2015-07-01} for days, {@code 2015-07-01T13:00Z} for hours. */
  public String format(Instant start) {
    return this == DAY ? start.toString().substring(0, 10) : start.toString().substring(0, 13) + ":00Z";
  }

  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** {@code day} or {@code hour}; the message names both. */
  public static Granularity parse(String text) {
    for (Granularity g : values()) {
      if (g.label().equals(text)) {
        return g;
      }
    }
    throw new IllegalArgumentException("'" + text + "' is not a granularity, expected day or hour");
  }
}
