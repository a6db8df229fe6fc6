package io.tributary.aws.dynamodb;

import io.tributary.aws.local.DynamoDbLocalProcess;
import io.tributary.core.kind.cubic.CubicRegistry;
import io.tributary.core.testing.CubicRegistryContract;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** The DynamoDB Cubic registry keeps the registry contract, on DynamoDB Local. */
class DynamoDbCubicRegistryTest extends CubicRegistryContract {
  static DynamoDbLocalProcess dynamo;
  static DynamoDbClient client;

  @BeforeAll
  static void startDynamoDbLocal() {
    dynamo = DynamoDbLocalProcess.start();
    client = dynamo.client();
  }

  @AfterAll
  static void stop() {
    client.close();
    dynamo.close();
  }

  @Override
  protected CubicRegistry newRegistry() {
    String suffix = UUID.randomUUID().toString().substring(0, 8);
    CubicRegistryTables tables = new CubicRegistryTables("cubic_tables_" + suffix, "cubic_loads_" + suffix);
    tables.createIfMissing(client);
    return new DynamoDbCubicRegistry(client, tables);
  }
}
