package io.tributary.core.window;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.time.temporal.ChronoField;

/**
 * The job table's timestamp format: {@code yyyy-MM-dd HH:mm[:ss[.SSSSSS]]}, always UTC. An ISO form
 * ({@code 2018-11-04T00:00:00Z}) is accepted too.
 */
public final class WindowTime {
  /** The format written back to the job table. */
  public static final String PATTERN = "yyyy-MM-dd HH:mm:ss";

  private static final DateTimeFormatter OUTPUT = DateTimeFormatter.ofPattern(PATTERN);
  private static final DateTimeFormatter INPUT =
      new DateTimeFormatterBuilder()
          .appendPattern("uuuu-MM-dd")
          .optionalStart()
          .appendLiteral(' ')
          .optionalEnd()
          .optionalStart()
          .appendLiteral('T')
          .optionalEnd()
          .appendPattern("HH:mm")
          .optionalStart()
          .appendPattern(":ss")
          .optionalStart()
          .appendFraction(ChronoField.NANO_OF_SECOND, 1, 6, true)
          .optionalEnd()
          .optionalEnd()
          .optionalStart()
          .appendLiteral('Z')
          .optionalEnd()
          .toFormatter()
          // STRICT: 2018-02-30 is an error, not 2018-02-28 (the default SMART resolver clamps the day).
          .withResolverStyle(ResolverStyle.STRICT);

  private WindowTime() {}

  /** Parses a job-table timestamp as UTC; throws DateTimeParseException when it does not fit. */
  public static Instant parse(String text) {
    try {
      return LocalDateTime.parse(text, INPUT).toInstant(ZoneOffset.UTC);
    } catch (DateTimeParseException e) {
      throw new DateTimeParseException(
          "'" + text + "' is not a timestamp of the form " + PATTERN + " (UTC)", text, e.getErrorIndex());
    }
  }

  /** Formats an instant the way the job table stores it, to the microsecond where needed. */
  public static String format(Instant instant) {
    LocalDateTime time = LocalDateTime.ofInstant(instant, ZoneOffset.UTC);
    String seconds = OUTPUT.format(time);
    int nanos = time.getNano();
    return nanos == 0 ? seconds : seconds + String.format(".%06d", nanos / 1000);
  }
}
