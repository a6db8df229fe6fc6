package io.tributary.aws.dynamodb;

import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.KeyType;

/**
 * The names and key schemas of Tributary's two tables. On AWS CloudFormation creates them; locally
 * {@link #createIfMissing} does, with the same keys.
 */
public record TributaryTables(String configTable, String historyTable) {
  /** Partition key of both tables. */
  public static final String JOB_NAME = "job_name";
  /** Sort key of the history table. */
  public static final String SORT_KEY = "sk";

  /** The default names, {@code tributary_config} and {@code tributary_history}. */
  public static TributaryTables defaults() {
    return new TributaryTables("tributary_config", "tributary_history");
  }

  /** Creates both tables unless they exist. */
  public void createIfMissing(DynamoDbClient client) {
    TableDefinitions.create(client, CreateTableRequest.builder()
        .tableName(configTable)
        .billingMode(BillingMode.PAY_PER_REQUEST)
        .attributeDefinitions(TableDefinitions.attribute(JOB_NAME))
        .keySchema(TableDefinitions.key(JOB_NAME, KeyType.HASH))
        .build());
    TableDefinitions.create(client, CreateTableRequest.builder()
        .tableName(historyTable)
        .billingMode(BillingMode.PAY_PER_REQUEST)
        .attributeDefinitions(TableDefinitions.attribute(JOB_NAME), TableDefinitions.attribute(SORT_KEY))
        .keySchema(TableDefinitions.key(JOB_NAME, KeyType.HASH), TableDefinitions.key(SORT_KEY, KeyType.RANGE))
        .build());
  }
}
