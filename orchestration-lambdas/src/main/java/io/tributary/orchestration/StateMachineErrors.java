package io.tributary.orchestration;

import java.util.Set;

/**
 * Every error name statemachine/ingestion.asl.json matches in a Retry or Catch, in one place: each is
 * either raised by Tributary's code or defined by AWS (StateGraphTest checks the definition against both
 * sets, in both directions). A Java Lambda function's error is named by the class of the exception it
 * throws, on AWS; the local dispatcher names handler errors the same way.
 */
public final class StateMachineErrors {
  /** Names the code raises on purpose, for the state machine to match. */
  public static final Set<String> RAISED = Set.of(WindowBusyException.class.getName(), WindowWaitingException.class.getName());

  /**
   * Names AWS defines. States.*: the Amazon States Language specification (error names). Lambda.*: Step
   * Functions developer guide, "Handle Lambda service exceptions". Service integrations report
   * ServiceName.ErrorName ("Learning to use AWS service SDK integrations in Step Functions"); EMR's optimized
   * integration reports its throttling as ThrottlingException or EMR.AmazonElasticMapReduceException.*, SNS
   * as SNS.&lt;exception&gt; of the Publish API. A Lambda function that times out or runs out of memory
   * fails its task with Sandbox.Timedout (current runtimes) or Lambda.Unknown ("Handle Lambda service
   * exceptions").
   */
  public static final Set<String> AWS = Set.of("States.ALL", "States.TaskFailed", "States.Timeout",
      "Lambda.ServiceException", "Lambda.AWSLambdaException", "Lambda.SdkClientException",
      "Lambda.TooManyRequestsException", "Lambda.ClientExecutionTimeoutException", "Lambda.Unknown",
      "Sandbox.Timedout",
      "ThrottlingException", "EMR.AmazonElasticMapReduceException.ThrottlingException",
      "SNS.ThrottledException", "SNS.InternalErrorException");

  private StateMachineErrors() {}
}
