package io.tributary.core.config;

import java.util.Objects;
import java.util.Optional;

/** A table, optionally schema-qualified ({@code schema.table}), each part a plain identifier. */
public record TableName(Optional<SqlIdentifier> schema, SqlIdentifier table) {

  public TableName {
    Objects.requireNonNull(schema, "schema");
    Objects.requireNonNull(table, "table");
  }

  /** Parses {@code table} or {@code schema.table}; throws IllegalArgumentException otherwise. */
  public static TableName parse(String text) {
    if (!isValid(text)) {
      throw new IllegalArgumentException("not a plain table name: '" + text + "'");
    }
    int dot = text.indexOf('.');
    return dot < 0
        ? new TableName(Optional.empty(), new SqlIdentifier(text))
        : new TableName(
            Optional.of(new SqlIdentifier(text.substring(0, dot))),
            new SqlIdentifier(text.substring(dot + 1)));
  }

  /** True when {@code text} is {@code identifier} or {@code identifier.identifier}. */
  public static boolean isValid(String text) {
    if (text == null) {
      return false;
    }
    String[] parts = text.split("\\.", -1);
    if (parts.length > 2) {
      return false;
    }
    for (String part : parts) {
      if (!SqlIdentifier.isPlain(part)) {
        return false;
      }
    }
    return true;
  }

  /** The name as it appears in SQL, each part quoted. */
  public String quoted() {
    return schema.map(s -> s.quoted() + ".").orElse("") + table.quoted();
  }

  @Override
  public String toString() {
    return schema.map(s -> s + ".").orElse("") + table;
  }
}
