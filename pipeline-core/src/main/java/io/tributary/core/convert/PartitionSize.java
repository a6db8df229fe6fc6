package io.tributary.core.convert;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.Locale;

/**
 * How much time one output partition holds, on the dataset's time index, with boundaries in UTC
 * (DataClient names files by the UTC start of their partition).
 */
public enum PartitionSize {
  HOUR,
  DAY,
  MONTH,
  YEAR;

  /**
   * Whether a unit of this size is rewritten from one day file: an hour partition's unit is its day's 24 hours,
   * a day partition its day; a month or a year gathers every day file it holds.
   */
  public boolean unitIsOneDay() {
    return this == HOUR || this == DAY;
  }

  /** The start of the partition holding {@code instant}. */
  public Instant start(Instant instant) {
    ZonedDateTime utc = instant.atZone(ZoneOffset.UTC);
    ZonedDateTime start = switch (this) {
      case HOUR -> utc.truncatedTo(ChronoUnit.HOURS);
      case DAY -> utc.truncatedTo(ChronoUnit.DAYS);
      case MONTH -> utc.truncatedTo(ChronoUnit.DAYS).withDayOfMonth(1);
      case YEAR -> utc.truncatedTo(ChronoUnit.DAYS).withDayOfYear(1);
    };
    return start.toInstant();
  }

  /** The start of the partition after the one starting at {@code start}. */
  public Instant next(Instant start) {
    ZonedDateTime utc = start.atZone(ZoneOffset.UTC);
    ZonedDateTime next = switch (this) {
      case HOUR -> utc.plusHours(1);
      case DAY -> utc.plusDays(1);
      case MONTH -> utc.plusMonths(1);
      case YEAR -> utc.plusYears(1);
    };
    return next.toInstant();
  }

  /**
   * The Hive-style directory of the partition holding {@code instant}, down to this size:
   * {@code year=2020/month=01/day=02/hour=03}.
   */
  public String athenaPath(Instant instant) {
    ZonedDateTime utc = start(instant).atZone(ZoneOffset.UTC);
    StringBuilder path = new StringBuilder("year=").append(String.format("%04d", utc.getYear()));
    if (this != YEAR) {
      path.append(String.format("/month=%02d", utc.getMonthValue()));
    }
    if (this == DAY || this == HOUR) {
      path.append(String.format("/day=%02d", utc.getDayOfMonth()));
    }
    if (this == HOUR) {
      path.append(String.format("/hour=%02d", utc.getHour()));
    }
    return path.toString();
  }

  /**
   * The DataClient file of the partition holding {@code instant}: {@code year=<YYYY>/<unix seconds of the
   * partition start>.<format>.<compression>}.
   */
  public String dataClientFile(Instant instant, String formatExtension, String compressionExtension) {
    Instant start = start(instant);
    return "year=" + String.format("%04d", start.atZone(ZoneOffset.UTC).getYear()) + "/" + start.getEpochSecond()
        + "." + formatExtension + (compressionExtension.isEmpty() ? "" : "." + compressionExtension);
  }

  /** The name DataClient's METADATA.json uses, e.g. {@code DAY}. */
  public String metadataName() {
    return name();
  }

  /** Parses {@code hour|day|month|year}; the message lists the choices. */
  public static PartitionSize parse(String text) {
    try {
      return valueOf(text.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("partition size '" + text + "' is not one of hour, day, month, year");
    }
  }
}
