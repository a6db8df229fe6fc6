package io.tributary.spark.cubic;

import io.tributary.aws.dynamodb.CubicRegistryTables;
import io.tributary.aws.dynamodb.DynamoDbCubicRegistry;
import io.tributary.aws.local.DynamoDbLocalProcess;
import io.tributary.core.config.CubicSource;
import io.tributary.core.kind.cubic.CubicRegistry;
import io.tributary.spark.testing.TestSpark;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** A Cubic deployment on one temporary directory: incoming, springboard, archive and error roots, a registry. */
final class CubicTestBed {
  static final List<QlikFeed.Column> SAMPLE = List.of(QlikFeed.Column.key("TRIP_ID", "INT4", 1),
      QlikFeed.Column.key("STOP_SEQ", "INT2", 2), QlikFeed.Column.of("NAME", "STRING"),
      new QlikFeed.Column("AMOUNT", "NUMERIC", 10, 2, 0), QlikFeed.Column.of("UPDATED", "DATETIME"),
      QlikFeed.Column.of("ACTIVE", "BOOLEAN"));
  private static DynamoDbLocalProcess dynamo;
  private static DynamoDbClient client;

  final Path root;
  final QlikFeed feed;
  final CubicSource source;
  final CubicRegistry registry;
  /** What the runs registered in the catalog, in order. */
  final List<String> catalog = new java.util.concurrent.CopyOnWriteArrayList<>();
  /** While above zero, updating a current-state table in the catalog fails (counting down). */
  final java.util.concurrent.atomic.AtomicInteger failingCurrentUpdates = new java.util.concurrent.atomic.AtomicInteger();
  private final io.tributary.core.catalog.LakeCatalog recording = new io.tributary.core.catalog.LakeCatalog() {
    @Override
    public void partitionLoaded(Partition partition) {
      catalog.add("raw " + partition.table() + " " + partition.partitionKeys() + "=" + partition.partitionValues()
          + " " + partition.columns().stream().map(c -> c.name() + ":" + c.type()).toList());
    }

    @Override
    public void deltaTableUpdated(String table, String location, List<Column> columns) {
      if (failingCurrentUpdates.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
        throw new IllegalStateException("the catalog is unavailable");
      }
      catalog.add("current " + table + " " + columns.stream().map(c -> c.name() + ":" + c.type()).toList());
    }
  };

  CubicTestBed(Path root, CubicRegistry registry) {
    this(root, registry, "");
  }

  CubicTestBed(Path root, CubicRegistry registry, String extraOptions) {
    this.root = root;
    this.feed = new QlikFeed(root.resolve("incoming"));
    List<String> problems = new ArrayList<>();
    this.source = CubicSource.parse("incoming=file:" + root.resolve("incoming") + ";springboard=file:"
        + root.resolve("springboard") + ";archive=file:" + root.resolve("archive") + ";error=file:"
        + root.resolve("error") + ";tables=*;dfm_grace_minutes=0;lease_minutes=30" + extraOptions, problems);
    if (source == null) {
      throw new IllegalStateException(problems.toString());
    }
    this.registry = registry;
  }

  /** A test bed whose registry lives in DynamoDB Local (one process for the test JVM, a table pair per bed). */
  static CubicTestBed onDynamoDb(Path root) {
    return onDynamoDb(root, "");
  }

  /** As above, with more options for the job (each starting with ';'). */
  static CubicTestBed onDynamoDb(Path root, String extraOptions) {
    synchronized (CubicTestBed.class) {
      if (dynamo == null) {
        dynamo = DynamoDbLocalProcess.start();
        client = dynamo.client();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
          client.close();
          dynamo.close();
        }));
      }
    }
    String suffix = UUID.randomUUID().toString().substring(0, 8);
    CubicRegistryTables tables = new CubicRegistryTables("tables_" + suffix, "loads_" + suffix);
    tables.createIfMissing(client);
    return new CubicTestBed(root, new DynamoDbCubicRegistry(client, tables), extraOptions);
  }

  CubicIngestReport ingest(Clock clock) throws IOException {
    return ingestion(registry, clock, "run-" + UUID.randomUUID().toString().substring(0, 8)).run();
  }

  CubicIngestion ingestion(CubicRegistry with, Clock clock, String runId) {
    SparkSession spark = TestSpark.get();
    return new CubicIngestion(spark, with, recording, spark.sparkContext().hadoopConfiguration(), source, clock, runId,
        false);
  }

  String current(String folder) {
    return new CubicPaths(source).current(folder);
  }

  /** The current-state table of {@code folder}, by key, each row as the generator writes it. */
  Map<String, List<String>> currentState(String folder) {
    Map<String, List<String>> state = new TreeMap<>();
    for (Row row : TestSpark.get().read().format("delta").load(current(folder)).selectExpr(
        "cast(trip_id as string)", "cast(stop_seq as string)", "name", "cast(amount as string)",
        "date_format(updated, 'yyyy-MM-dd HH:mm:ss')", "cast(active as string)").collectAsList()) {
      List<String> values = new ArrayList<>();
      for (int i = 0; i < row.length(); i++) {
        values.add(row.isNullAt(i) ? null : row.getString(i));
      }
      state.put(ChangeScript.key(values), values);
    }
    return state;
  }
}
