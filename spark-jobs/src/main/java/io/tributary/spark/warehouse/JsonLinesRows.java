package io.tributary.spark.warehouse;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * JSON lines: one object per line, read by one streaming parser over the file; fields matched to columns by
 * name (unknown fields skipped, missing ones null; nested values kept as JSON text). Anything that is not an
 * object, or not JSON, is a bad row at its line.
 */
final class JsonLinesRows implements RowSource {
  private static final JsonFactory JSON = new JsonFactory();
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private final String file;
  private final JsonParser parser;
  private final Map<String, Integer> columns = new HashMap<>();
  private final String[] values;
  private long line;

  JsonLinesRows(String file, InputStream in, List<String> columnNames) throws IOException {
    this.file = file;
    this.parser = JSON.createParser(in);
    for (int i = 0; i < columnNames.size(); i++) {
      columns.put(columnNames.get(i), i);
    }
    this.values = new String[columnNames.size()];
  }

  @Override
  public boolean next() throws IOException {
    try {
      JsonToken start = parser.nextToken();
      if (start == null) {
        return false;
      }
      line = parser.currentTokenLocation().getLineNr();
      if (start != JsonToken.START_OBJECT) {
        throw new BadRowException(file, line, "-", parser.getText(), "not a JSON object");
      }
      Arrays.fill(values, null);
      while (parser.nextToken() == JsonToken.FIELD_NAME) {
        Integer column = columns.get(parser.currentName());
        JsonToken value = parser.nextToken();
        if (column == null) {
          parser.skipChildren();
        } else if (value == JsonToken.START_OBJECT || value == JsonToken.START_ARRAY) {
          values[column] = MAPPER.readTree(parser).toString();
        } else if (value != JsonToken.VALUE_NULL) {
          values[column] = parser.getText();
        }
      }
      return true;
    } catch (JsonParseException e) {
      throw new BadRowException(file, e.getLocation() == null ? line : e.getLocation().getLineNr(), "-", null,
          "not JSON: " + e.getOriginalMessage());
    }
  }

  @Override
  public String value(int column) {
    return values[column];
  }

  @Override
  public String file() {
    return file;
  }

  @Override
  public long line() {
    return line;
  }

  @Override
  public void close() throws IOException {
    parser.close();
  }
}
