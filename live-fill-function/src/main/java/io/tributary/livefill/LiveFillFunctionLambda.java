package io.tributary.livefill;

import io.tributary.convert.Conversion;
import io.tributary.convert.InProcessUnits;
import io.tributary.core.run.WindowBookkeeping;
import io.tributary.orchestration.lambda.AwsEnvironment;
import io.tributary.orchestration.lambda.JsonLambda;
import io.tributary.orchestration.lambda.SfnExecutions;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Lambda entry point of the live-fill function ({@link LiveFillFunction}). {@code DAY_LEASE_SECONDS} holds a day
 * for a run that dies without ending (the function's timeout and a margin); {@code MEMORY_BUDGET_MB} is what one
 * unit's writers may hold (the function's memory less the JVM's own); files being written wait in /tmp.
 * {@code S3_PATH_STYLE} and {@code S3_MULTI_OBJECT_DELETE=false} serve S3-compatible servers (the local runner's).
 */
public final class LiveFillFunctionLambda extends JsonLambda {
  public LiveFillFunctionLambda() {
    this(AwsEnvironment.fromSystem());
  }

  LiveFillFunctionLambda(AwsEnvironment env) {
    super(handler(env));
  }

  private static LiveFillFunction handler(AwsEnvironment env) {
    DynamoDbClient dynamoDb = env.dynamoDb();
    Clock clock = Clock.systemUTC();
    SdkStorage storage = new SdkStorage(new S3FileStore(s3(env), Path.of(System.getProperty("java.io.tmpdir")),
        !env.optional("S3_MULTI_OBJECT_DELETE").map("false"::equals).orElse(false)));
    Conversion conversion = new Conversion(storage, new InProcessUnits(storage, Runtime.getRuntime()
        .availableProcessors()), (long) env.number("MEMORY_BUDGET_MB") << 20, clock);
    WindowBookkeeping bookkeeping = new WindowBookkeeping(env.historyStore(dynamoDb), clock,
        Duration.ofSeconds(env.number("DAY_LEASE_SECONDS")));
    return new LiveFillFunction(env.configStore(dynamoDb), new DayLiveFill(conversion, bookkeeping, clock),
        new SfnExecutions(env.sfn(), env.require("STATE_MACHINE_ARN")), clock, System.out::println); // CloudWatch
  }

  /** The S3 client; path-style when {@code S3_PATH_STYLE=true} (an S3-compatible server at AWS_ENDPOINT_URL_S3). */
  private static S3Client s3(AwsEnvironment env) {
    return env.s3(env.optional("S3_PATH_STYLE").map("true"::equals).orElse(false));
  }
}
