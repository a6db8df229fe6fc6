package io.tributary.orchestration.lambda;

import io.tributary.orchestration.OrphanCleanupHandler;
import java.time.Clock;
import java.time.Duration;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** Lambda entry point of the orphan cleanup, run by EventBridge on an execution that ended abnormally. */
public final class OrphanCleanupLambda extends JsonLambda {
  public OrphanCleanupLambda() {
    this(AwsEnvironment.fromSystem());
  }

  OrphanCleanupLambda(AwsEnvironment env) {
    this(env, env.dynamoDb());
  }

  private OrphanCleanupLambda(AwsEnvironment env, DynamoDbClient dynamo) {
    super(new OrphanCleanupHandler(env.configStore(dynamo), env.historyStore(dynamo), new EmrRunClusters(env.emr()),
        env.alerts(), Clock.systemUTC(), Duration.ofHours(env.number("WINDOW_LEASE_HOURS"))));
  }
}
