package io.tributary.orchestration.lambda;

import io.tributary.core.run.RunPlanner;
import io.tributary.orchestration.PlanRunHandler;
import java.time.Clock;

/** Lambda entry point of the PlanRun task. */
public final class PlanRunLambda extends JsonLambda {
  public PlanRunLambda() {
    this(AwsEnvironment.fromSystem());
  }

  PlanRunLambda(AwsEnvironment env) {
    super(new PlanRunHandler(new RunPlanner(env.configStore(env.dynamoDb()), Clock.systemUTC(),
        env.number("MAX_WINDOWS_PER_RUN")), env.cluster(), env.number("MAX_CONCURRENT_JOBS")));
  }
}
