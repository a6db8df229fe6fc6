package io.tributary.local;

import io.tributary.aws.AwsClients;
import io.tributary.aws.dynamodb.CubicRegistryTables;
import io.tributary.aws.dynamodb.DynamoDbConfigStore;
import io.tributary.aws.dynamodb.DynamoDbCubicRegistry;
import io.tributary.aws.dynamodb.DynamoDbHistoryStore;
import io.tributary.aws.dynamodb.TributaryTables;
import io.tributary.aws.local.DynamoDbLocalProcess;
import io.tributary.core.history.ConfigStore;
import io.tributary.core.history.HistoryStore;
import io.tributary.core.kind.cubic.CubicRegistry;
import java.net.URI;
import java.nio.file.Path;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** DynamoDB Local with Tributary's tables (jobs, history, the Cubic registry), and the stores over them. */
public final class LocalStores implements AutoCloseable {
  private final DynamoDbLocalProcess dynamo;
  private final DynamoDbClient client;
  private final ConfigStore configs;
  private final HistoryStore history;
  private final CubicRegistry cubic;
  private final Optional<StateDirectoryLock> lock;

  private LocalStores(DynamoDbLocalProcess dynamo, DynamoDbClient client, TributaryTables tables,
      Optional<StateDirectoryLock> lock) {
    this.lock = lock;
    this.dynamo = dynamo;
    this.client = client;
    this.configs = new DynamoDbConfigStore(client, tables.configTable());
    this.history = new DynamoDbHistoryStore(client, tables);
    CubicRegistryTables cubicTables = CubicRegistryTables.defaults();
    cubicTables.createIfMissing(client);
    this.cubic = new DynamoDbCubicRegistry(client, cubicTables);
  }

  /** Starts DynamoDB Local in memory and creates the default tables. */
  public static LocalStores start() {
    return start(Optional.empty());
  }

  /**
   * Starts DynamoDB Local, keeping its tables in {@code stateDirectory} when given (which this process then
   * holds alone, see {@link StateDirectoryLock}), with the default tables.
   */
  public static LocalStores start(Optional<Path> stateDirectory) {
    Optional<StateDirectoryLock> lock = stateDirectory.map(StateDirectoryLock::acquire);
    try {
      DynamoDbLocalProcess dynamo = DynamoDbLocalProcess.start(stateDirectory);
      DynamoDbClient client = dynamo.client();
      TributaryTables tables = TributaryTables.defaults();
      tables.createIfMissing(client);
      return new LocalStores(dynamo, client, tables, lock);
    } catch (RuntimeException e) {
      lock.ifPresent(StateDirectoryLock::close);
      throw e;
    }
  }

  /** DynamoDB Local's endpoint, for another process (AWS_ENDPOINT_URL_DYNAMODB). */
  public URI endpoint() {
    return dynamo.endpoint();
  }

  public ConfigStore configs() {
    return configs;
  }

  public HistoryStore history() {
    return history;
  }

  /** The clients a step run locally is handed: its DynamoDB is this DynamoDB Local (closed with the stores). */
  public AwsClients clients() {
    return AwsClients.over(client);
  }

  /** The Cubic registry (tables and loads) of the default table names. */
  public CubicRegistry cubic() {
    return cubic;
  }

  @Override
  public void close() {
    client.close();
    dynamo.close();
    lock.ifPresent(StateDirectoryLock::close);
  }
}
