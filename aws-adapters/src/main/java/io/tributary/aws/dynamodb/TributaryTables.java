package io.tributary.aws.dynamodb;

import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ResourceInUseException;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

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
    create(client, CreateTableRequest.builder()
        .tableName(configTable)
        .billingMode(BillingMode.PAY_PER_REQUEST)
        .attributeDefinitions(attribute(JOB_NAME))
        .keySchema(key(JOB_NAME, KeyType.HASH))
        .build());
    create(client, CreateTableRequest.builder()
        .tableName(historyTable)
        .billingMode(BillingMode.PAY_PER_REQUEST)
        .attributeDefinitions(attribute(JOB_NAME), attribute(SORT_KEY))
        .keySchema(key(JOB_NAME, KeyType.HASH), key(SORT_KEY, KeyType.RANGE))
        .build());
  }

  private static void create(DynamoDbClient client, CreateTableRequest request) {
    try {
      client.createTable(request);
      client.waiter().waitUntilTableExists(b -> b.tableName(request.tableName()));
    } catch (ResourceInUseException alreadyThere) {
      // created earlier: nothing to do
    }
  }

  private static AttributeDefinition attribute(String name) {
    return AttributeDefinition.builder().attributeName(name).attributeType(ScalarAttributeType.S).build();
  }

  private static KeySchemaElement key(String name, KeyType type) {
    return KeySchemaElement.builder().attributeName(name).keyType(type).build();
  }
}
