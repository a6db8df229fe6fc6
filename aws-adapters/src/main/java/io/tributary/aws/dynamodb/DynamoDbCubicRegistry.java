package io.tributary.aws.dynamodb;

import io.tributary.core.kind.cubic.CubicLoad;
import io.tributary.core.kind.cubic.CubicRegistry;
import io.tributary.core.kind.cubic.CubicTable;
import io.tributary.core.kind.cubic.FeedKind;
import io.tributary.core.kind.cubic.LoadChange;
import io.tributary.core.kind.cubic.LoadStatus;
import io.tributary.core.kind.cubic.LoadTransitionRefusedException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import io.tributary.core.kind.cubic.RegistryTableNames;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/**
 * The Cubic registry in DynamoDB (see {@link CubicRegistryTables}). Every write is conditional: a load is put
 * only if its id is new, moved only from the status (and owner) the caller expects, claimed only when ready or
 * abandoned; a table is put only over the item the caller read (each attribute compared).
 */
public final class DynamoDbCubicRegistry implements CubicRegistry {
  private static final List<String> TABLE_ATTRIBUTES = List.of("feed", "folder", "active", "snapshot", "snapshot_key",
      "built_snapshot", "lease_owner", "lease_until");
  private final DynamoDbClient client;
  private final CubicRegistryTables names;

  public DynamoDbCubicRegistry(DynamoDbClient client, CubicRegistryTables names) {
    this.client = client;
    this.names = names;
  }

  /** The registry over {@code client}'s tables {@code names}. */
  public static DynamoDbCubicRegistry over(DynamoDbClient client, RegistryTableNames names) {
    return new DynamoDbCubicRegistry(client, CubicRegistryTables.of(names));
  }

  @Override
  public Optional<CubicTable> table(String name) {
    Map<String, AttributeValue> item = client.getItem(b -> b.tableName(names.tablesTable()).consistentRead(true)
        .key(Map.of(CubicRegistryTables.NAME, s(name)))).item();
    return item == null || item.isEmpty() ? Optional.empty() : Optional.of(table(item));
  }

  @Override
  public List<CubicTable> tables() {
    return client.scanPaginator(b -> b.tableName(names.tablesTable()).consistentRead(true)).items().stream()
        .map(DynamoDbCubicRegistry::table).sorted(Comparator.comparing(CubicTable::name)).toList();
  }

  @Override
  public boolean putTable(CubicTable table, Optional<CubicTable> expected) {
    Map<String, String> attributeNames = new HashMap<>();
    Map<String, AttributeValue> values = new HashMap<>();
    String condition;
    if (expected.isEmpty()) {
      condition = "attribute_not_exists(#name)";
      attributeNames.put("#name", CubicRegistryTables.NAME);
    } else {
      Map<String, AttributeValue> before = item(expected.get());
      List<String> clauses = new ArrayList<>();
      for (int i = 0; i < TABLE_ATTRIBUTES.size(); i++) {
        String attribute = TABLE_ATTRIBUTES.get(i);
        attributeNames.put("#a" + i, attribute);
        if (before.containsKey(attribute)) {
          values.put(":a" + i, before.get(attribute));
          clauses.add("#a" + i + " = :a" + i);
        } else {
          clauses.add("attribute_not_exists(#a" + i + ")");
        }
      }
      condition = String.join(" AND ", clauses);
    }
    try {
      client.putItem(b -> b.tableName(names.tablesTable()).item(item(table)).conditionExpression(condition)
          .expressionAttributeNames(attributeNames).expressionAttributeValues(values.isEmpty() ? null : values));
      return true;
    } catch (ConditionalCheckFailedException changed) {
      return false;
    }
  }

  @Override
  public boolean register(CubicLoad load) {
    try {
      client.putItem(b -> b.tableName(names.loadsTable()).item(item(load))
          .conditionExpression("attribute_not_exists(" + CubicRegistryTables.LOAD_ID + ")"));
      return true;
    } catch (ConditionalCheckFailedException seen) {
      return false;
    }
  }

  @Override
  public Optional<CubicLoad> load(String id) {
    Map<String, AttributeValue> item = client.getItem(b -> b.tableName(names.loadsTable()).consistentRead(true)
        .key(Map.of(CubicRegistryTables.LOAD_ID, s(id)))).item();
    return item == null || item.isEmpty() ? Optional.empty() : Optional.of(load(item));
  }

  @Override
  public List<CubicLoad> loads(Optional<LoadStatus> status, Optional<String> table) {
    Stream<Map<String, AttributeValue>> items = status.isPresent()
        ? client.queryPaginator(b -> b.tableName(names.loadsTable()).indexName(CubicRegistryTables.BY_STATUS)
            .keyConditionExpression("#s = :s").expressionAttributeNames(Map.of("#s", CubicRegistryTables.STATUS))
            .expressionAttributeValues(Map.of(":s", s(status.get().label())))).items().stream()
        : client.scanPaginator(b -> b.tableName(names.loadsTable()).consistentRead(true)).items().stream();
    return items.map(DynamoDbCubicRegistry::load).filter(l -> table.map(t -> t.equals(l.table())).orElse(true))
        .sorted(Comparator.comparing(CubicLoad::lastModified).thenComparing(CubicLoad::key)).toList();
  }

  @Override
  public CubicLoad move(String id, LoadStatus from, LoadStatus to, LoadChange change, Instant now) {
    if (!from.canMoveTo(to)) {
      throw LoadTransitionRefusedException.illegal(id, from, to);
    }
    Map<String, AttributeValue> values = new HashMap<>();
    values.put(":from", s(from.label()));
    values.put(":to", s(to.label()));
    values.put(":now", n(now.toEpochMilli()));
    List<String> sets = new ArrayList<>(List.of("#status = :to", "updated_at = :now"));
    change.snapshot().ifPresent(v -> {
      values.put(":snapshot", n(v.toEpochMilli()));
      sets.add("snapshot = :snapshot");
    });
    change.rows().ifPresent(v -> {
      values.put(":rows", n(v));
      sets.add("#rows = :rows");
    });
    change.reason().ifPresent(v -> {
      values.put(":reason", s(v));
      sets.add("reason = :reason");
    });
    String condition = "#status = :from";
    if (from == LoadStatus.INGESTING && change.owner().isPresent()) {
      values.put(":owner", s(change.owner().get()));
      condition += " AND #owner = :owner";
    }
    String update = "SET " + String.join(", ", sets) + (to == LoadStatus.INGESTING ? "" : " REMOVE #owner, lease_until");
    String expression = condition;
    Map<String, String> attributeNames = new HashMap<>(Map.of("#status", CubicRegistryTables.STATUS));
    if ((expression + update).contains("#rows")) {
      attributeNames.put("#rows", "rows");
    }
    if ((expression + update).contains("#owner")) {
      attributeNames.put("#owner", "owner");
    }
    try {
      Map<String, AttributeValue> item = client.updateItem(b -> b.tableName(names.loadsTable())
          .key(Map.of(CubicRegistryTables.LOAD_ID, s(id))).conditionExpression(expression).updateExpression(update)
          .expressionAttributeNames(attributeNames).expressionAttributeValues(values).returnValues("ALL_NEW"))
          .attributes();
      return load(item);
    } catch (ConditionalCheckFailedException moved) {
      String actual = load(id).map(l -> l.status().label() + l.owner().map(o -> " (held by " + o + ")").orElse(""))
          .orElse("not registered");
      throw LoadTransitionRefusedException.notIn(id, from, to, actual);
    }
  }

  @Override
  public Optional<CubicLoad> claim(String id, String owner, Instant until, Instant now, boolean exclusive) {
    try {
      Map<String, AttributeValue> item = client.updateItem(b -> b.tableName(names.loadsTable())
          .key(Map.of(CubicRegistryTables.LOAD_ID, s(id)))
          .conditionExpression(exclusive ? "#status IN (:ready, :ingesting)"
              : "#status = :ready OR (#status = :ingesting AND (#owner = :me OR lease_until <= :now))")
          .updateExpression("SET #status = :ingesting, #owner = :me, lease_until = :until, updated_at = :now")
          .expressionAttributeNames(Map.of("#status", CubicRegistryTables.STATUS, "#owner", "owner"))
          .expressionAttributeValues(Map.of(":ready", s(LoadStatus.READY.label()), ":ingesting",
              s(LoadStatus.INGESTING.label()), ":me", s(owner), ":now", n(now.toEpochMilli()), ":until",
              n(until.toEpochMilli())))
          .returnValues("ALL_NEW")).attributes();
      return Optional.of(load(item));
    } catch (ConditionalCheckFailedException heldOrGone) {
      return Optional.empty();
    }
  }

  private static Map<String, AttributeValue> item(CubicTable table) {
    Map<String, AttributeValue> item = new HashMap<>();
    item.put(CubicRegistryTables.NAME, s(table.name()));
    item.put("feed", s(table.feed().label()));
    item.put("folder", s(table.folder()));
    item.put("active", AttributeValue.fromBool(table.active()));
    table.snapshot().ifPresent(v -> item.put("snapshot", n(v.toEpochMilli())));
    table.snapshotKey().ifPresent(v -> item.put("snapshot_key", s(v)));
    table.builtSnapshot().ifPresent(v -> item.put("built_snapshot", n(v.toEpochMilli())));
    table.leaseOwner().ifPresent(v -> item.put("lease_owner", s(v)));
    table.leaseUntil().ifPresent(v -> item.put("lease_until", n(v.toEpochMilli())));
    return item;
  }

  private static CubicTable table(Map<String, AttributeValue> item) {
    return new CubicTable(item.get(CubicRegistryTables.NAME).s(), FeedKind.fromLabel(item.get("feed").s()),
        item.get("folder").s(), item.get("active").bool(), instant(item, "snapshot"), text(item, "snapshot_key"),
        instant(item, "built_snapshot"), text(item, "lease_owner"), instant(item, "lease_until"));
  }

  private static Map<String, AttributeValue> item(CubicLoad load) {
    Map<String, AttributeValue> item = new HashMap<>();
    item.put(CubicRegistryTables.LOAD_ID, s(load.id()));
    item.put("s3_key", s(load.key()));
    item.put("last_modified", n(load.lastModified().toEpochMilli()));
    item.put("size", n(load.size()));
    item.put("table_name", s(load.table()));
    item.put(CubicRegistryTables.STATUS, s(load.status().label()));
    load.snapshot().ifPresent(v -> item.put("snapshot", n(v.toEpochMilli())));
    load.rows().ifPresent(v -> item.put("rows", n(v)));
    load.reason().ifPresent(v -> item.put("reason", s(v)));
    load.owner().ifPresent(v -> item.put("owner", s(v)));
    load.leaseUntil().ifPresent(v -> item.put("lease_until", n(v.toEpochMilli())));
    item.put("registered_at", n(load.registeredAt().toEpochMilli()));
    item.put("updated_at", n(load.updatedAt().toEpochMilli()));
    return item;
  }

  private static CubicLoad load(Map<String, AttributeValue> item) {
    return new CubicLoad(item.get("s3_key").s(), instant(item, "last_modified").orElseThrow(),
        Long.parseLong(item.get("size").n()), item.get("table_name").s(),
        LoadStatus.fromLabel(item.get(CubicRegistryTables.STATUS).s()), instant(item, "snapshot"),
        Optional.ofNullable(item.get("rows")).map(v -> Long.parseLong(v.n())), text(item, "reason"),
        text(item, "owner"), instant(item, "lease_until"), instant(item, "registered_at").orElseThrow(),
        instant(item, "updated_at").orElseThrow());
  }

  private static Optional<Instant> instant(Map<String, AttributeValue> item, String name) {
    return Optional.ofNullable(item.get(name)).map(v -> Instant.ofEpochMilli(Long.parseLong(v.n())));
  }

  private static Optional<String> text(Map<String, AttributeValue> item, String name) {
    return Optional.ofNullable(item.get(name)).map(AttributeValue::s);
  }

  private static AttributeValue s(String value) {
    return AttributeValue.fromS(value);
  }

  private static AttributeValue n(long value) {
    return AttributeValue.fromN(Long.toString(value));
  }
}
