package io.tributary.orchestration.lambda;

import io.tributary.orchestration.RecordHistoryHandler;
import java.time.Clock;
import java.time.Duration;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** Lambda entry point of the RecordRunning, CompleteWindow and RecordFailed tasks. */
public final class RecordHistoryLambda extends JsonLambda {
  public RecordHistoryLambda() {
    this(AwsEnvironment.fromSystem());
  }

  RecordHistoryLambda(AwsEnvironment env) {
    this(env, env.dynamoDb());
  }

  private RecordHistoryLambda(AwsEnvironment env, DynamoDbClient dynamo) {
    super(new RecordHistoryHandler(env.configStore(dynamo), env.historyStore(dynamo), AwsEnvironment.s3Objects(env.s3()),
        AwsEnvironment.s3Writer(env.s3()), env.steps(), Clock.systemUTC(), Duration.ofHours(env.number("WINDOW_LEASE_HOURS"))));
  }
}
