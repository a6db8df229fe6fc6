package io.tributary.aws.dynamodb;

import io.tributary.core.kind.cubic.RegistryTableNames;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.Projection;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;

/**
 * The names and keys of the Cubic registry's two tables: tables by {@code name}, loads by {@code load_id} with
 * the index {@code by_status} (status, load id). On AWS CloudFormation creates them; locally
 * {@link #createIfMissing} does, with the same keys.
 */
public record CubicRegistryTables(String tablesTable, String loadsTable) {
  public static final String NAME = "name";
  public static final String LOAD_ID = "load_id";
  public static final String STATUS = "status";
  public static final String BY_STATUS = "by_status";

  /** The default names, {@link RegistryTableNames#defaults}. */
  public static CubicRegistryTables defaults() {
    return of(RegistryTableNames.defaults());
  }

  /** The tables {@code names} names. */
  public static CubicRegistryTables of(RegistryTableNames names) {
    return new CubicRegistryTables(names.tables(), names.loads());
  }

  /** Creates both tables unless they exist. */
  public void createIfMissing(DynamoDbClient client) {
    TableDefinitions.create(client, CreateTableRequest.builder().tableName(tablesTable).billingMode(BillingMode.PAY_PER_REQUEST)
        .attributeDefinitions(TableDefinitions.attribute(NAME)).keySchema(TableDefinitions.key(NAME, KeyType.HASH)).build());
    TableDefinitions.create(client, CreateTableRequest.builder().tableName(loadsTable).billingMode(BillingMode.PAY_PER_REQUEST)
        .attributeDefinitions(TableDefinitions.attribute(LOAD_ID), TableDefinitions.attribute(STATUS)).keySchema(TableDefinitions.key(LOAD_ID, KeyType.HASH))
        .globalSecondaryIndexes(GlobalSecondaryIndex.builder().indexName(BY_STATUS)
            .keySchema(TableDefinitions.key(STATUS, KeyType.HASH), TableDefinitions.key(LOAD_ID, KeyType.RANGE))
            .projection(Projection.builder().projectionType(ProjectionType.ALL).build()).build())
        .build());
  }
}
