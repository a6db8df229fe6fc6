package io.tributary.spark.warehouse;

import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Objects;
import java.util.Optional;

/**
 * How a load reads its input and fits it to the target, as s3-to-redshift's flags and COPY set it: the delimiter
 * of a headerless CSV input ({@code --delimiter}; its COPY's {@code DELIMITER ... REMOVEQUOTES ESCAPE TRIMBLANKS
 * EMPTYASNULL}), whether text longer than its column is cut to fit ({@code TRUNCATECOLUMNS}, which the original
 * always sets; here an explicit choice, rejecting the row by default), and the zone the target's data dates are
 * stored in ({@code --timezone}; UTC by default).
 */
public record InputOptions(Optional<Character> delimiter, boolean truncateText, ZoneId targetZone) {
  /** No delimiter, over-long text rejected, data dates in UTC. */
  public static final InputOptions DEFAULT = new InputOptions(Optional.empty(), false, ZoneOffset.UTC);

  public InputOptions {
    Objects.requireNonNull(delimiter, "delimiter");
    Objects.requireNonNull(targetZone, "targetZone");
    if (delimiter.isPresent() && (delimiter.get() == '"' || delimiter.get() == '\\' || delimiter.get() == '\n')) {
      throw new IllegalArgumentException("delimiter '" + delimiter.get() + "' is the quote, escape or record"
          + " delimiter of the seed tool's CSV");
    }
  }
}
