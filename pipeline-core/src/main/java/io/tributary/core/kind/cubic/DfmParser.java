package io.tributary.core.kind.cubic;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/** Reads a {@code .dfm}, refusing one that cannot type the file, with the file and field in the message. */
public final class DfmParser {
  private static final ObjectMapper JSON = new ObjectMapper();

  private DfmParser() {}

  /** The dfm in {@code text}; {@code file} names it in errors. */
  public static Dfm parse(String file, String text) {
    JsonNode root;
    try {
      root = JSON.readTree(text);
    } catch (JsonProcessingException e) {
      throw new InvalidDfmException(file + ": not JSON (line " + e.getLocation().getLineNr() + ", column "
          + e.getLocation().getColumnNr() + "): " + e.getOriginalMessage());
    }
    if (root == null || !root.path("dataInfo").path("columns").isArray() || root.path("dataInfo").path("columns").isEmpty()) {
      throw new InvalidDfmException(file + ": dataInfo.columns: missing or empty, expected the file's columns");
    }
    List<DfmColumn> columns = new ArrayList<>();
    Set<String> names = new HashSet<>();
    int index = 0;
    for (JsonNode column : root.path("dataInfo").path("columns")) {
      String where = file + ": dataInfo.columns[" + index++ + "]";
      String name = column.path("name").asText("");
      if (name.isEmpty()) {
        throw new InvalidDfmException(where + ".name: missing");
      }
      if (!names.add(name.toLowerCase(Locale.ROOT))) {
        throw new InvalidDfmException(where + ".name: '" + name + "' appears twice (names are compared lower-cased)");
      }
      String typeName = column.path("type").asText("");
      QlikType type = QlikType.of(typeName).orElseThrow(() -> new InvalidDfmException(where + ".type: '" + typeName
          + "' (column " + name + ") is not a Qlik type Tributary reads, expected one of "
          + Arrays.toString(QlikType.values())));
      columns.add(new DfmColumn(column.path("ordinal").asInt(index), name, type, column.path("length").asInt(0),
          column.path("precision").asInt(0), column.path("scale").asInt(0), column.path("primaryKeyPos").asInt(0)));
    }
    JsonNode options = root.path("formatInfo").path("options");
    JsonNode count = root.path("fileInfo").path("recordCount");
    return new Dfm(columns, character(file, "fieldDelimiter", options, ','), character(file, "quoteChar", options, '"'),
        options.path("nullValue").asText(""), count.isIntegralNumber() ? Optional.of(count.asLong()) : Optional.empty());
  }

  private static char character(String file, String field, JsonNode options, char fallback) {
    String value = options.path(field).asText("");
    if (value.isEmpty()) {
      return fallback;
    }
    if (value.length() != 1) {
      throw new InvalidDfmException(file + ": formatInfo.options." + field + ": '" + value
          + "' is not one character");
    }
    return value.charAt(0);
  }

  /** A dfm that cannot type its file. */
  public static final class InvalidDfmException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    public InvalidDfmException(String message) {
      super(message);
    }
  }
}
