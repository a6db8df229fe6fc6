package io.tributary.aws.dynamodb;

import io.tributary.aws.local.DynamoDbLocalProcess;
import io.tributary.core.testing.HistoryStoreContract;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** The DynamoDB stores keep the store contract (the same tests the in-memory stores pass), on DynamoDB Local. */
class DynamoDbStoresContractTest extends HistoryStoreContract {
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
  protected Stores newStores() {
    String suffix = UUID.randomUUID().toString().substring(0, 8);
    TributaryTables tables = new TributaryTables("config_" + suffix, "history_" + suffix);
    tables.createIfMissing(client);
    return new Stores(new DynamoDbConfigStore(client, tables.configTable()), new DynamoDbHistoryStore(client, tables));
  }
}
