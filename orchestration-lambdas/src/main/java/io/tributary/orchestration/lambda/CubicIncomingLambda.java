package io.tributary.orchestration.lambda;

import io.tributary.orchestration.CubicIncomingHandler;
import java.time.Clock;

/** Lambda entry point of the Cubic trigger (SQS batches of S3 events of cubic/): see {@link CubicIncomingHandler}. */
public final class CubicIncomingLambda extends JsonLambda {
  public CubicIncomingLambda() {
    this(AwsEnvironment.fromSystem());
  }

  CubicIncomingLambda(AwsEnvironment env) {
    super(new CubicIncomingHandler(env.configStore(env.dynamoDb()), env.cubicRegistry(env.dynamoDb()),
        AwsEnvironment.incomingObjects(env.s3()), new SfnExecutions(env.sfn(), env.require("STATE_MACHINE_ARN")),
        Clock.systemUTC()));
  }
}
