package io.tributary.spark.warehouse;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

/**
 * Timestamps as epoch microseconds (UTC), read and written by hand for the forms inputs use
 * ({@code yyyy-MM-dd}, {@code yyyy-MM-dd[T ]HH:mm:ss[.fraction][Z|+hh:mm|-hh:mm]}); java.time's formatters
 * cost several times the rest of a row. Anything else goes through java.time.
 */
final class Timestamps {
  private Timestamps() {}

  /**
   * The instant {@code text} names, in microseconds since the epoch; a whole number is Unix seconds (as S3DB
   * and converted data hold time); throws DateTimeParseException.
   */
  static long parseMicros(String text) {
    String s = text.strip();
    int n = s.length();
    if (n > 0 && n <= 12 && s.chars().skip(s.charAt(0) == '-' ? 1 : 0).allMatch(Character::isDigit)
        && !(n == 1 && s.charAt(0) == '-')) {
      return Long.parseLong(s) * 1_000_000L;
    }
    if (n >= 10 && s.charAt(4) == '-' && s.charAt(7) == '-') {
      int year = digits(s, 0, 4);
      int month = digits(s, 5, 2);
      int day = digits(s, 8, 2);
      if (year >= 0 && month >= 0 && day >= 0) {
        long epochDay = LocalDate.of(year, month, day).toEpochDay();
        if (n == 10) {
          return epochDay * 86_400_000_000L;
        }
        Long micros = timeOfDay(s, epochDay);
        if (micros != null) {
          return micros;
        }
      }
    }
    return slow(s);
  }

  private static Long timeOfDay(String s, long epochDay) {
    int n = s.length();
    char separator = s.charAt(10);
    if ((separator != 'T' && separator != ' ') || n < 19 || s.charAt(13) != ':' || s.charAt(16) != ':') {
      return null;
    }
    int hour = digits(s, 11, 2);
    int minute = digits(s, 14, 2);
    int second = digits(s, 17, 2);
    if (hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 59) {
      return null;
    }
    int i = 19;
    long fraction = 0;
    if (i < n && s.charAt(i) == '.') {
      int digitsSeen = 0;
      i++;
      while (i < n && Character.isDigit(s.charAt(i))) {
        if (digitsSeen < 6) {
          fraction = fraction * 10 + (s.charAt(i) - '0');
        }
        digitsSeen++;
        i++;
      }
      if (digitsSeen == 0) {
        return null;
      }
      for (int d = Math.min(digitsSeen, 6); d < 6; d++) {
        fraction *= 10;
      }
    }
    long offsetSeconds = 0;
    if (i < n) {
      char zone = s.charAt(i);
      if (zone == 'Z' && i == n - 1) {
        offsetSeconds = 0;
      } else if ((zone == '+' || zone == '-') && (n - i == 6 && s.charAt(i + 3) == ':' || n - i == 5 || n - i == 3)) {
        int hours = digits(s, i + 1, 2);
        int minutes = n - i == 3 ? 0 : digits(s, n - 2, 2);
        if (hours < 0 || minutes < 0) {
          return null;
        }
        offsetSeconds = (zone == '+' ? 1 : -1) * (hours * 3600L + minutes * 60L);
      } else {
        return null;
      }
    }
    long seconds = epochDay * 86_400L + hour * 3600L + minute * 60L + second - offsetSeconds;
    return seconds * 1_000_000L + fraction;
  }

  private static long slow(String s) {
    String iso = s.length() > 10 && s.charAt(10) == ' ' ? s.substring(0, 10) + 'T' + s.substring(11) : s;
    Instant instant;
    try {
      instant = OffsetDateTime.parse(iso).toInstant();
    } catch (DateTimeParseException withoutZone) {
      instant = LocalDateTime.parse(iso).toInstant(ZoneOffset.UTC);
    }
    return Math.addExact(Math.multiplyExact(instant.getEpochSecond(), 1_000_000L), instant.getNano() / 1000);
  }

  /** The value of {@code count} decimal digits at {@code from}, or -1. */
  private static int digits(String s, int from, int count) {
    if (from + count > s.length()) {
      return -1;
    }
    int value = 0;
    for (int i = from; i < from + count; i++) {
      char c = s.charAt(i);
      if (c < '0' || c > '9') {
        return -1;
      }
      value = value * 10 + (c - '0');
    }
    return value;
  }

  /** Appends {@code yyyy-MM-dd HH:mm:ss.ffffff} (UTC) of {@code micros}. */
  static void append(StringBuilder out, long micros) {
    long seconds = Math.floorDiv(micros, 1_000_000L);
    int fraction = (int) Math.floorMod(micros, 1_000_000L);
    long epochDay = Math.floorDiv(seconds, 86_400L);
    int secondOfDay = (int) Math.floorMod(seconds, 86_400L);
    appendDate(out, epochDay);
    out.append(' ');
    pad(out, secondOfDay / 3600, 2);
    out.append(':');
    pad(out, secondOfDay / 60 % 60, 2);
    out.append(':');
    pad(out, secondOfDay % 60, 2);
    out.append('.');
    pad(out, fraction, 6);
  }

  /** Appends {@code yyyy-MM-dd} of {@code epochDay}. */
  static void appendDate(StringBuilder out, long epochDay) {
    LocalDate date = LocalDate.ofEpochDay(epochDay);
    int year = date.getYear();
    if (year < 0 || year > 9999) {
      out.append(date);
      return;
    }
    pad(out, year, 4);
    out.append('-');
    pad(out, date.getMonthValue(), 2);
    out.append('-');
    pad(out, date.getDayOfMonth(), 2);
  }

  private static void pad(StringBuilder out, int value, int width) {
    String digits = Integer.toString(value);
    for (int i = digits.length(); i < width; i++) {
      out.append('0');
    }
    out.append(digits);
  }
}
