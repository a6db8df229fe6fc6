package io.tributary.core.kind.warehouse;

/** A column of an existing warehouse table as its catalog describes it; {@code type} as the dialect writes types. */
public record TargetColumn(String name, String type, boolean notNull, boolean primaryKey) {

  /** How a message shows it, e.g. {@code amount bigint NOT NULL}. */
  public String definition() {
    return name + " " + type + (notNull ? " NOT NULL" : "") + (primaryKey ? " PRIMARY KEY" : "");
  }
}
