package io.tributary.core.history;

import java.util.Objects;

/**
 * One column of a source table as a window read it: its name and its type as the source's catalog prints it
 * ({@code numeric(12,2)}, {@code character varying(40)}).
 */
public record SourceColumn(String name, String type) {
  public SourceColumn {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(type, "type");
  }

  @Override
  public String toString() {
    return name + " " + type;
  }
}
