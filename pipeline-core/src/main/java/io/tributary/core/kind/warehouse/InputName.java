package io.tributary.core.kind.warehouse;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * The names of the seed tool's input layout: {@code <bucket>/<schema>/<table>/_data_timestamp_year=YYYY/
 * _data_timestamp_month=MM/_data_timestamp_day=DD/<schema>_<table>_<RFC3339>.<ext>}, and beside each data
 * file its config {@code config_<schema>_<table>_<RFC3339>.yml}. The timestamp in the name is the data's
 * date (never the file's modification time).
 */
public record InputName(String schema, String table, Instant timestamp, String timestampText, InputFormat format) {

  /** The data file name of {@code schema.table} at {@code timestamp} (as written in names). */
  public String fileName() {
    return schema + "_" + table + "_" + timestampText + (format.extension().isEmpty() ? "" : "." + format.extension());
  }

  /** The name of this input's config file. */
  public String configName() {
    return "config_" + schema + "_" + table + "_" + timestampText + ".yml";
  }

  /** The directory of a table's inputs of {@code day}, relative to the bucket. */
  public static String dayDirectory(String schema, String table, Instant day) {
    var date = day.atOffset(ZoneOffset.UTC);
    return String.format("%s/%s/_data_timestamp_year=%04d/_data_timestamp_month=%02d/_data_timestamp_day=%02d",
        schema, table, date.getYear(), date.getMonthValue(), date.getDayOfMonth());
  }

  /** The input {@code fileName} names, when it is a data file of {@code schema.table}. */
  public static Optional<InputName> parse(String schema, String table, String fileName) {
    String prefix = schema + "_" + table + "_";
    if (!fileName.startsWith(prefix)) {
      return Optional.empty();
    }
    // No extension (or the bare '.' the seed tool's name format leaves): its plain, headerless CSV.
    Optional<InputFormat> format = InputFormat.of(fileName).or(() -> Optional.of(InputFormat.HEADERLESS));
    String text = fileName.substring(prefix.length(), fileName.length() - format.get().extension().length()
        - (format.get().extension().isEmpty() ? 0 : 1));
    if (format.get() == InputFormat.HEADERLESS && text.endsWith(".")) {
      text = text.substring(0, text.length() - 1);
    }
    try {
      return Optional.of(new InputName(schema, table, OffsetDateTime.parse(text).toInstant(), text, format.get()));
    } catch (DateTimeParseException e) {
      return Optional.empty();
    }
  }
}
