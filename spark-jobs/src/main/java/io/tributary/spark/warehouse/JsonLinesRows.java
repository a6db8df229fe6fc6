package io.tributary.spark.warehouse;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * JSON lines: one object per line, fields matched to columns by name (unknown fields skipped, missing ones
 * null; nested values kept as JSON text). Blank lines are skipped; any other line that is not an object is a
 * bad row.
 */
final class JsonLinesRows implements RowSource {
  private static final JsonFactory JSON = new JsonFactory();
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private final String file;
  private final BufferedReader reader;
  private final Map<String, Integer> columns = new HashMap<>();
  private final String[] values;
  private long line;

  JsonLinesRows(String file, InputStream in, List<String> columnNames) {
    this.file = file;
    this.reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8), 1 << 16);
    for (int i = 0; i < columnNames.size(); i++) {
      columns.put(columnNames.get(i), i);
    }
    this.values = new String[columnNames.size()];
  }

  @Override
  public boolean next() throws IOException {
    String text;
    do {
      text = reader.readLine();
      line++;
      if (text == null) {
        return false;
      }
    } while (text.isBlank());
    Arrays.fill(values, null);
    try (JsonParser parser = JSON.createParser(text)) {
      if (parser.nextToken() != JsonToken.START_OBJECT) {
        throw new BadRowException(file, line, "-", text, "not a JSON object");
      }
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
    } catch (JsonParseException e) {
      throw new BadRowException(file, line, "-", text, "not JSON: " + e.getOriginalMessage());
    }
    return true;
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
    reader.close();
  }
}
