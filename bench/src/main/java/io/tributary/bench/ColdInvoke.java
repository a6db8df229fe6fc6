package io.tributary.bench;

import io.tributary.aws.dynamodb.DynamoDbConfigStore;
import io.tributary.aws.dynamodb.DynamoDbHistoryStore;
import io.tributary.aws.dynamodb.TributaryTables;
import io.tributary.convert.Conversion;
import io.tributary.convert.InProcessUnits;
import io.tributary.core.run.WindowBookkeeping;
import io.tributary.livefill.DayLiveFill;
import io.tributary.livefill.LiveFillFunction;
import io.tributary.livefill.LiveFillFunctionLambda;
import io.tributary.orchestration.ExecutionRequest;
import io.tributary.orchestration.Executions;
import io.tributary.orchestration.Json;
import io.tributary.storage.Storage;
import java.io.ByteArrayOutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * One invocation of the live-fill function in a new JVM, as Lambda's first request to a new execution environment:
 * the event on standard input, the response and {@code PEAK_HEAP_BYTES <n>} printed. By default the package's entry
 * point, built from the environment (the stack's variables), on the function's shaded jar alone. With {@code s3a},
 * the same function reaching S3 through Hadoop's S3A instead of the AWS SDK (its settings from {@code -Dfs.*}
 * system properties), on the jar plus hadoop-aws and the SDK v1 bundle: the alternative the package is measured
 * against.
 */
public final class ColdInvoke {
  private ColdInvoke() {}

  public static void main(String[] args) throws Exception {
    String response;
    if (args.length > 0 && args[0].equals("s3a")) {
      response = overS3a().invoke(Json.MAPPER.readTree(System.in)).toString();
    } else {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      new LiveFillFunctionLambda().handleRequest(System.in, out, null);
      response = out.toString(StandardCharsets.UTF_8);
    }
    System.out.println(response);
    long peak = 0;
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == MemoryType.HEAP) {
        peak += pool.getPeakUsage().getUsed();
      }
    }
    System.out.println("PEAK_HEAP_BYTES " + peak);
  }

  private static LiveFillFunction overS3a() {
    Configuration conf = new Configuration();
    System.getProperties().stringPropertyNames().stream().filter(k -> k.startsWith("fs."))
        .forEach(k -> conf.set(k, System.getProperty(k)));
    conf.set("fs.s3.impl", "org.apache.hadoop.fs.s3a.S3AFileSystem");
    conf.set("fs.s3a.impl", "org.apache.hadoop.fs.s3a.S3AFileSystem");
    conf.set("hadoop.tmp.dir", System.getProperty("java.io.tmpdir"));
    conf.set("fs.s3a.buffer.dir", System.getProperty("java.io.tmpdir"));
    Storage storage = Storage.hadoop(conf);
    Clock clock = Clock.systemUTC();
    DynamoDbClient dynamoDb = DynamoDbClient.builder().httpClient(UrlConnectionHttpClient.create()).build();
    TributaryTables tables = new TributaryTables(System.getenv("CONFIG_TABLE"), System.getenv("HISTORY_TABLE"));
    Conversion conversion = new Conversion(storage, new InProcessUnits(storage,
        Runtime.getRuntime().availableProcessors()), Conversion.DEFAULT_MEMORY_BUDGET, clock);
    DayLiveFill days = new DayLiveFill(conversion, new WindowBookkeeping(new DynamoDbHistoryStore(dynamoDb, tables),
        clock, Duration.ofMinutes(6)), clock);
    return new LiveFillFunction(new DynamoDbConfigStore(dynamoDb, tables.configTable()), days, dayJobsOnly(), clock,
        System.out::println);
  }

  /** The benchmark's job is a day job: nothing of it goes to the state machine. */
  static Executions dayJobsOnly() {
    return new Executions() {
      @Override
      public List<String> runningNames() {
        return List.of();
      }

      @Override
      public String start(ExecutionRequest request) {
        throw new IllegalStateException("the benchmark's job is a day job: nothing goes to the state machine");
      }
    };
  }
}
