package io.tributary.orchestration.lambda;

import io.tributary.orchestration.LiveFillHandler;
import java.time.Clock;

/** Lambda entry point of the live-fill trigger (SQS batches of S3 events): see {@link LiveFillHandler}. */
public final class LiveFillLambda extends JsonLambda {
  public LiveFillLambda() {
    this(AwsEnvironment.fromSystem());
  }

  LiveFillLambda(AwsEnvironment env) {
    super(new LiveFillHandler(env.configStore(env.dynamoDb()),
        new SfnExecutions(env.sfn(), env.require("STATE_MACHINE_ARN")), Clock.systemUTC()));
  }
}
