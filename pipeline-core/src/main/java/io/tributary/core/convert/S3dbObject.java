package io.tributary.core.convert;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One daily S3DB source object, {@code <prefix>/<collection>/<dataset>/year=<YYYY>/<unix seconds of the UTC
 * day start>.csv.gz}, located by its key relative to the source prefix.
 */
public record S3dbObject(String collection, String dataset, Instant dayStart) {
  private static final Pattern KEY =
      Pattern.compile("([^/]+)/([^/]+)/year=(\\d{4})/(\\d+)\\.csv\\.gz");

  /** Parses a key below the source prefix; the message says which part does not fit. */
  public static S3dbObject parse(String relativeKey) {
    Matcher matcher = KEY.matcher(relativeKey);
    if (!matcher.matches()) {
      throw new IllegalArgumentException("'" + relativeKey
          + "' is not <collection>/<dataset>/year=<YYYY>/<unix seconds>.csv.gz");
    }
    Instant start = Instant.ofEpochSecond(Long.parseLong(matcher.group(4)));
    if (!PartitionSize.DAY.start(start).equals(start)) {
      throw new IllegalArgumentException("'" + relativeKey + "': " + start + " is not the start of a UTC day");
    }
    int year = start.atZone(ZoneOffset.UTC).getYear();
    if (year != Integer.parseInt(matcher.group(3))) {
      throw new IllegalArgumentException("'" + relativeKey + "': day " + start + " is not in year=" + matcher.group(3));
    }
    return new S3dbObject(matcher.group(1), matcher.group(2), start);
  }
}
