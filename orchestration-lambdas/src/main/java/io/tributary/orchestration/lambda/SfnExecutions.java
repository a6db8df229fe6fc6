package io.tributary.orchestration.lambda;

import io.tributary.orchestration.ExecutionRequest;
import io.tributary.orchestration.Executions;
import java.util.List;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.ExecutionListItem;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;
import software.amazon.awssdk.services.sfn.model.StartExecutionRequest;

/** The state machine's executions through Step Functions. */
public final class SfnExecutions implements Executions {
  private final SfnClient sfn;
  private final String stateMachineArn;

  public SfnExecutions(SfnClient sfn, String stateMachineArn) {
    this.sfn = sfn;
    this.stateMachineArn = stateMachineArn;
  }

  @Override
  public List<String> runningNames() {
    return sfn.listExecutionsPaginator(b -> b.stateMachineArn(stateMachineArn).statusFilter(ExecutionStatus.RUNNING))
        .executions().stream().map(ExecutionListItem::name).toList();
  }

  @Override
  public String start(ExecutionRequest request) {
    return sfn.startExecution(startRequest(stateMachineArn, request)).executionArn();
  }

  /** The StartExecution request of {@code request}. */
  static StartExecutionRequest startRequest(String stateMachineArn, ExecutionRequest request) {
    return StartExecutionRequest.builder().stateMachineArn(stateMachineArn).name(request.name())
        .input(request.input()).build();
  }
}
