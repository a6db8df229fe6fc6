package io.tributary.core.kind.warehouse;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The SQL of a warehouse, built in code from validated names and typed values (never from raw input):
 * PostgreSQL, which runs here, and Amazon Redshift, whose statements are built the same way and tested as
 * text. Each statement runs inside the table's one transaction.
 */
public enum WarehouseDialect {
  POSTGRESQL,
  REDSHIFT;

  private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")
      .withZone(ZoneOffset.UTC);

  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** {@code postgresql} or {@code redshift}. */
  public static WarehouseDialect parse(String text) {
    for (WarehouseDialect d : values()) {
      if (d.label().equals(text)) {
        return d;
      }
    }
    throw new IllegalArgumentException("'" + text + "' is not a dialect, expected postgresql or redshift");
  }

  /** The SQL type of {@code type}, as this warehouse's catalog reports it back. */
  public String sqlType(ColumnType type) {
    return switch (type) {
      case BOOLEAN -> "boolean";
      case FLOAT -> "double precision";
      case INT -> "integer";
      case BIGINT -> "bigint";
      case DATE -> "date";
      case TIMESTAMP -> "timestamp without time zone";
      case TEXT -> "character varying(256)";
      case LONGTEXT -> this == POSTGRESQL ? "text" : "character varying(65535)";
    };
  }

  /** {@code "schema"."table"}. */
  public static String qualified(String schema, String table) {
    return quote(schema) + "." + quote(table);
  }

  static String quote(String identifier) {
    return "\"" + identifier.replace("\"", "\"\"") + "\"";
  }

  public String createSchema(String schema) {
    return "CREATE SCHEMA IF NOT EXISTS " + quote(schema);
  }

  /** The table, with its primary key and, on Redshift, its distribution and sort keys. */
  public String createTable(WarehouseTable table) {
    List<String> parts = new ArrayList<>();
    table.columns().forEach(c -> parts.add(columnDefinition(c)));
    List<String> keys = table.columns().stream().filter(WarehouseColumn::primaryKey).map(c -> quote(c.name())).toList();
    if (!keys.isEmpty()) {
      parts.add("PRIMARY KEY (" + String.join(", ", keys) + ")");
    }
    StringBuilder sql = new StringBuilder("CREATE TABLE " + qualified(table.schema(), table.name()) + " ("
        + String.join(", ", parts) + ")");
    if (this == REDSHIFT) {
      table.columns().stream().filter(WarehouseColumn::distKey).findFirst()
          .ifPresent(c -> sql.append(" DISTKEY(").append(quote(c.name())).append(")"));
      List<String> sort = table.columns().stream().filter(c -> c.sortOrdinal() > 0)
          .sorted(Comparator.comparingInt(WarehouseColumn::sortOrdinal)).map(c -> quote(c.name())).toList();
      if (!sort.isEmpty()) {
        sql.append(" COMPOUND SORTKEY(").append(String.join(", ", sort)).append(")");
      }
    }
    return sql.toString();
  }

  public String addColumn(WarehouseTable table, WarehouseColumn column) {
    return "ALTER TABLE " + qualified(table.schema(), table.name()) + " ADD COLUMN " + columnDefinition(column);
  }

  /** The latest data date in the table (NULL when empty). */
  public String latestDataDate(WarehouseTable table) {
    return "SELECT max(" + quote(table.dataDateColumn()) + ") FROM " + qualified(table.schema(), table.name());
  }

  /** Removes the rows whose data date lies in {@code [from, to)}. */
  public String deleteWindow(WarehouseTable table, Instant from, Instant to) {
    String column = quote(table.dataDateColumn());
    return "DELETE FROM " + qualified(table.schema(), table.name()) + " WHERE " + column + " >= '"
        + TIMESTAMP.format(from) + "' AND " + column + " < '" + TIMESTAMP.format(to) + "'";
  }

  /**
   * Empties the table inside the transaction: TRUNCATE on PostgreSQL (transactional there); DELETE on
   * Redshift, where TRUNCATE commits the open transaction.
   */
  public String truncate(WarehouseTable table) {
    return (this == POSTGRESQL ? "TRUNCATE " : "DELETE FROM ") + qualified(table.schema(), table.name());
  }

  /** PostgreSQL: the COPY that the loader streams CSV rows into. */
  public String copyFromStdin(WarehouseTable table) {
    return "COPY " + qualified(table.schema(), table.name()) + " (" + columnList(table)
        + ") FROM STDIN WITH (FORMAT csv)";
  }

  /**
   * Redshift: the COPY of one S3 object, read by the cluster with {@code iamRole}; a headerless input with the seed tool's options ({@code delimiter},
   * REMOVEQUOTES ESCAPE TRIMBLANKS EMPTYASNULL ACCEPTANYDATE), and TRUNCATECOLUMNS when {@code truncateText}.
   */
  public String copyFromS3(WarehouseTable table, String s3Uri, InputFormat format, String iamRole,
      Optional<Character> delimiter, boolean truncateText) {
    String head = "COPY " + qualified(table.schema(), table.name()) + " (" + columnList(table) + ") FROM '"
        + literal(s3Uri) + "' IAM_ROLE '" + literal(iamRole) + "'";
    return head + switch (format) {
      case JSON_GZ -> " FORMAT AS JSON 'auto' GZIP TIMEFORMAT 'auto' DATEFORMAT 'auto'";
      case JSON -> " FORMAT AS JSON 'auto' TIMEFORMAT 'auto' DATEFORMAT 'auto'";
      case CSV_GZ -> " FORMAT AS CSV IGNOREHEADER 1 GZIP TIMEFORMAT 'auto' DATEFORMAT 'auto'";
      case PARQUET -> " FORMAT AS PARQUET";
      case HEADERLESS, HEADERLESS_GZ -> " DELIMITER AS '" + literal(String.valueOf(delimiter.orElseThrow(() ->
          new IllegalArgumentException(s3Uri + ": a headerless CSV input needs a delimiter (--delimiter)"))))
          + "' REMOVEQUOTES ESCAPE TRIMBLANKS EMPTYASNULL ACCEPTANYDATE" + (format.gzip() ? " GZIP" : "")
          + " TIMEFORMAT 'auto'";
      case MANIFEST -> throw new IllegalArgumentException(s3Uri + ": a manifest is copied as its parts");
    } + (truncateText && format != InputFormat.PARQUET ? " TRUNCATECOLUMNS" : "");
  }

  private String columnDefinition(WarehouseColumn column) {
    StringBuilder sql = new StringBuilder(quote(column.name()) + " " + sqlType(column.type()));
    column.defaultValue().ifPresent(v -> sql.append(" DEFAULT ").append(defaultLiteral(v, column.type())));
    if (column.notNull()) {
      sql.append(" NOT NULL");
    }
    return sql.toString();
  }

  /** A default as a SQL literal: numbers and booleans as checked text, everything else quoted. */
  private static String defaultLiteral(String value, ColumnType type) {
    return switch (type) {
      case BOOLEAN, INT, BIGINT, FLOAT -> value;
      default -> "'" + literal(value) + "'";
    };
  }

  private static String literal(String text) {
    return text.replace("'", "''");
  }

  private static String columnList(WarehouseTable table) {
    return table.columns().stream().map(c -> quote(c.name())).collect(Collectors.joining(", "));
  }
}
