package io.tributary.orchestration.lambda;

import io.tributary.orchestration.OrphanCleanupHandler;
import java.time.Clock;
import java.time.Duration;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sns.SnsClient;

/** Lambda entry point of the orphan cleanup, run by EventBridge on an execution that ended abnormally. */
public final class OrphanCleanupLambda extends JsonLambda {
  public OrphanCleanupLambda() {
    this(AwsEnvironment.fromSystem());
  }

  OrphanCleanupLambda(AwsEnvironment env) {
    this(env, env.dynamoDb(), env.sns(), env.require("RUN_SUMMARY_TOPIC_ARN"));
  }

  private OrphanCleanupLambda(AwsEnvironment env, DynamoDbClient dynamo, SnsClient sns, String topicArn) {
    super(new OrphanCleanupHandler(env.configStore(dynamo), env.historyStore(dynamo), new EmrRunClusters(env.emr()),
        (subject, message) -> {
          System.err.println(message); // CloudWatch Logs
          sns.publish(b -> b.topicArn(topicArn).subject(subject).message(message));
        },
        Clock.systemUTC(), Duration.ofHours(env.number("WINDOW_LEASE_HOURS"))));
  }
}
