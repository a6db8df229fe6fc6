package io.tributary.core.kind.warehouse;

import io.tributary.core.config.SqlIdentifier;
import java.io.StringReader;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * Reads a warehouse config in the seed tool's format: a map of tables, each with {@code dest}, {@code columns}
 * (each {@code dest}, {@code type}, {@code defaultval}, {@code notnull}, {@code primarykey}, {@code distkey},
 * {@code sortord}) and {@code meta: {datadatecolumn, schema}}, and Tributary's {@code meta.columnorder: any|ordered}
 * (default: {@code any} for schema {@code mongo_raw}, as the seed tool, else {@code ordered}). Every problem is collected with its line and
 * field before the file is refused; names must be plain SQL identifiers and defaults must fit their type.
 */
public final class WarehouseConfigParser {
  private static final Set<String> TABLE_KEYS = Set.of("dest", "columns", "meta");
  private static final Set<String> COLUMN_KEYS =
      Set.of("dest", "type", "defaultval", "notnull", "primarykey", "distkey", "sortord", "ordinal");
  private static final Set<String> META_KEYS = Set.of("datadatecolumn", "schema", "columnorder");

  private final String fileName;
  private final List<String> problems = new ArrayList<>();

  private WarehouseConfigParser(String fileName) {
    this.fileName = fileName;
  }

  /**
   * The tables of {@code yaml}, by their key in the file (find one by its {@code dest} with {@link #entryFor});
   * throws naming every problem.
   */
  public static Map<String, WarehouseTable> parse(String fileName, String yaml) {
    return new WarehouseConfigParser(fileName).read(yaml);
  }

  /**
   * The entry of {@code tables} (parsed from {@code fileName}) whose {@code dest} is {@code table}, as the seed tool
   * finds it: by {@code dest}, whatever its key in the file. Two entries with that {@code dest} are refused, naming
   * both.
   */
  public static WarehouseTable entryFor(String fileName, Map<String, WarehouseTable> tables, String table) {
    List<String> keys = tables.entrySet().stream().filter(e -> e.getValue().name().equals(table))
        .map(Map.Entry::getKey).toList();
    if (keys.isEmpty()) {
      throw new IllegalArgumentException(fileName + ": no entry has dest '" + table + "' (its entries' dests: "
          + tables.entrySet().stream().map(e -> e.getKey() + " -> " + e.getValue().name()).toList() + ")");
    }
    if (keys.size() > 1) {
      throw new IllegalArgumentException(fileName + ": entries " + String.join(" and ", keys) + " both have dest '"
          + table + "'; keep one");
    }
    return tables.get(keys.get(0));
  }

  private Map<String, WarehouseTable> read(String yaml) {
    Node root;
    try {
      root = new Yaml(new LoaderOptions()).compose(new StringReader(yaml));
    } catch (MarkedYAMLException e) {
      throw new InvalidWarehouseConfigException(fileName, List.of(fileName + ":"
          + (e.getProblemMark().getLine() + 1) + ": not YAML: " + e.getProblem()));
    }
    Map<String, WarehouseTable> tables = new LinkedHashMap<>();
    if (!(root instanceof MappingNode map) || map.getValue().isEmpty()) {
      problem(root, "file", "expected a map of tables, e.g. 'pages: {dest: pages, columns: [...], meta: {...}}'");
    } else {
      for (NodeTuple entry : map.getValue()) {
        String key = scalar(entry.getKeyNode());
        WarehouseTable table = table(key, entry.getValueNode());
        if (table != null) {
          tables.put(key, table);
        }
      }
    }
    if (!problems.isEmpty()) {
      problems.sort(Comparator.comparingInt(
          p -> Integer.parseInt(p.substring(fileName.length() + 1, p.indexOf(':', fileName.length() + 1)))));
      throw new InvalidWarehouseConfigException(fileName, problems);
    }
    return tables;
  }

  private WarehouseTable table(String key, Node node) {
    Map<String, Node> fields = fields(node, key, TABLE_KEYS);
    if (fields == null) {
      return null;
    }
    int before = problems.size();
    String dest = identifier(fields.get("dest"), key + ".dest", node);
    Map<String, Node> meta = fields.containsKey("meta") ? fields(fields.get("meta"), key + ".meta", META_KEYS) : null;
    if (!fields.containsKey("meta")) {
      problem(node, key + ".meta", "missing, expected meta: {datadatecolumn: <column>, schema: <schema>}");
    }
    String schema = meta == null ? null : identifier(meta.get("schema"), key + ".meta.schema", fields.get("meta"));
    String dataDate = meta == null ? null
        : identifier(meta.get("datadatecolumn"), key + ".meta.datadatecolumn", fields.get("meta"));
    List<WarehouseColumn> columns = new ArrayList<>();
    Node columnsNode = fields.get("columns");
    if (!(columnsNode instanceof SequenceNode list) || list.getValue().isEmpty()) {
      problem(columnsNode == null ? node : columnsNode, key + ".columns", "expected a list of at least one column");
    } else {
      Set<String> names = new HashSet<>();
      for (int i = 0; i < list.getValue().size(); i++) {
        WarehouseColumn column = column(key + ".columns[" + i + "]", list.getValue().get(i));
        if (column != null && !names.add(column.name())) {
          problem(list.getValue().get(i), key + ".columns[" + i + "].dest", "'" + column.name() + "' is declared twice");
        } else if (column != null) {
          columns.add(column);
        }
      }
    }
    if (dataDate != null && !columns.isEmpty()) {
      Optional<WarehouseColumn> column = columns.stream().filter(c -> c.name().equals(dataDate)).findFirst();
      if (column.isEmpty()) {
        problem(meta.get("datadatecolumn"), key + ".meta.datadatecolumn", "'" + dataDate
            + "' is not one of the table's columns");
      } else if (column.get().type() != ColumnType.DATE && column.get().type() != ColumnType.TIMESTAMP) {
        problem(meta.get("datadatecolumn"), key + ".meta.datadatecolumn", "'" + dataDate + "' is "
            + column.get().type().label() + ", expected a date or timestamp column");
      }
    }
    boolean anyOrder = WarehouseTable.ANY_ORDER_SCHEMA.equals(schema);
    if (meta != null && meta.containsKey("columnorder")) {
      String order = scalar(meta.get("columnorder"));
      if (!order.equals("any") && !order.equals("ordered")) {
        problem(meta.get("columnorder"), key + ".meta.columnorder", "'" + order + "' is not 'any' or 'ordered'");
      }
      anyOrder = order.equals("any");
    }
    return problems.size() != before ? null : new WarehouseTable(schema, dest, columns, dataDate, anyOrder);
  }

  private WarehouseColumn column(String path, Node node) {
    Map<String, Node> fields = fields(node, path, COLUMN_KEYS);
    if (fields == null) {
      return null;
    }
    int before = problems.size();
    String name = identifier(fields.get("dest"), path + ".dest", node);
    ColumnType type = null;
    String typeText = fields.containsKey("type") ? scalar(fields.get("type")) : null;
    if (typeText == null) {
      problem(node, path + ".type", "missing, expected one of " + ColumnType.labels());
    } else {
      type = ColumnType.fromLabel(typeText).orElse(null);
      if (type == null) {
        problem(fields.get("type"), path + ".type", "'" + typeText + "' is not a type, expected one of "
            + ColumnType.labels());
      }
    }
    Optional<String> defaultValue = Optional.ofNullable(fields.get("defaultval")).map(this::scalar)
        .filter(v -> !v.isEmpty());
    if (defaultValue.isPresent() && type != null && !fitsType(defaultValue.get(), type)) {
      problem(fields.get("defaultval"), path + ".defaultval", "'" + defaultValue.get() + "' is not a "
          + type.label() + " value");
    }
    boolean notNull = flag(fields.get("notnull"), path + ".notnull");
    boolean primaryKey = flag(fields.get("primarykey"), path + ".primarykey");
    boolean distKey = flag(fields.get("distkey"), path + ".distkey");
    int sortOrdinal = 0;
    if (fields.containsKey("sortord")) {
      String text = scalar(fields.get("sortord"));
      if (!text.matches("\\d{1,3}")) {
        problem(fields.get("sortord"), path + ".sortord", "'" + text + "' is not a whole number >= 0");
      } else {
        sortOrdinal = Integer.parseInt(text);
      }
    }
    return problems.size() != before ? null
        : new WarehouseColumn(name, type, defaultValue, notNull, primaryKey, distKey, sortOrdinal);
  }

  /** The fields of a map node; problems for a node that is no map or has unknown keys. */
  private Map<String, Node> fields(Node node, String path, Set<String> known) {
    if (!(node instanceof MappingNode map)) {
      problem(node, path, "expected a map with keys " + known.stream().sorted().toList());
      return null;
    }
    Map<String, Node> fields = new LinkedHashMap<>();
    for (NodeTuple tuple : map.getValue()) {
      String key = scalar(tuple.getKeyNode());
      if (!known.contains(key)) {
        problem(tuple.getKeyNode(), path + "." + key, "unknown key, expected one of " + known.stream().sorted().toList());
      } else if (fields.put(key, tuple.getValueNode()) != null) {
        problem(tuple.getKeyNode(), path + "." + key, "given twice");
      }
    }
    return fields;
  }

  private String identifier(Node node, String path, Node parent) {
    if (node == null) {
      problem(parent, path, "missing, expected a name");
      return null;
    }
    String value = scalar(node);
    if (!SqlIdentifier.isPlain(value)) {
      problem(node, path, "'" + value + "' is not a plain SQL identifier, expected letters, digits and '_'");
      return null;
    }
    return value.toLowerCase(Locale.ROOT);
  }

  private boolean flag(Node node, String path) {
    if (node == null) {
      return false;
    }
    String value = scalar(node);
    if (!value.equals("true") && !value.equals("false")) {
      problem(node, path, "'" + value + "' is not true or false");
      return false;
    }
    return value.equals("true");
  }

  private String scalar(Node node) {
    return node instanceof ScalarNode scalar ? scalar.getValue() : "";
  }

  /** True when a default of {@code text} is a literal of {@code type} (checked, never passed raw into SQL). */
  static boolean fitsType(String text, ColumnType type) {
    try {
      switch (type) {
        case BOOLEAN -> {
          return text.equals("true") || text.equals("false");
        }
        case INT -> Integer.parseInt(text);
        case BIGINT -> Long.parseLong(text);
        case FLOAT -> Double.parseDouble(text);
        case DATE -> LocalDate.parse(text);
        case TIMESTAMP -> Instant.parse(text);
        default -> {
          return true;
        }
      }
      return true;
    } catch (NumberFormatException | DateTimeParseException e) {
      return false;
    }
  }

  private void problem(Node node, String field, String message) {
    int line = node == null ? 1 : node.getStartMark().getLine() + 1;
    problems.add(fileName + ":" + line + ": " + field + ": " + message);
  }
}
