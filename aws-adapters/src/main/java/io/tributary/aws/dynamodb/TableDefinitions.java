package io.tributary.aws.dynamodb;

import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ResourceInUseException;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

/** Creating Tributary's tables where no stack does (DynamoDB Local): the same keys as the stack's. */
final class TableDefinitions {
  private TableDefinitions() {}

  /** Creates the table of {@code request} and waits for it, unless it exists. */
  static void create(DynamoDbClient client, CreateTableRequest request) {
    try {
      client.createTable(request);
      client.waiter().waitUntilTableExists(b -> b.tableName(request.tableName()));
    } catch (ResourceInUseException alreadyThere) {
      // created earlier: nothing to do
    }
  }

  /** A string attribute. */
  static AttributeDefinition attribute(String name) {
    return AttributeDefinition.builder().attributeName(name).attributeType(ScalarAttributeType.S).build();
  }

  static KeySchemaElement key(String name, KeyType type) {
    return KeySchemaElement.builder().attributeName(name).keyType(type).build();
  }
}
