package io.tributary.local;

import io.tributary.orchestration.Json;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.StartExecutionRequest;

/** {@code tributary start-execution}: a manual run of the deployed state machine. */
@Command(name = "start-execution", mixinStandardHelpOptions = true,
    description = "Starts an execution of the deployed state machine (AWS credentials and region from the"
        + " default chain) and prints its ARN.")
final class StartExecutionCommand implements Callable<Integer> {
  @Option(names = "--state-machine-arn", required = true, description = "The stack's StateMachineArn output.")
  String stateMachineArn;

  @Option(names = "--jobs", split = ",", description = "Only these jobs (default: every enabled job).")
  List<String> jobs = List.of();

  @Option(names = "--name", description = "Execution name (default: manual-<epoch seconds>).")
  String name;

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    StartExecutionRequest request = request(stateMachineArn, jobs,
        name != null ? name : "manual-" + Instant.now().getEpochSecond());
    try (SfnClient sfn = SfnClient.builder().httpClient(UrlConnectionHttpClient.create()).build()) {
      spec.commandLine().getOut().println(sfn.startExecution(request).executionArn());
    }
    return 0;
  }

  /** The StartExecution request of a manual run. */
  static StartExecutionRequest request(String stateMachineArn, List<String> jobs, String name) {
    if (!stateMachineArn.matches("arn:aws[a-z-]*:states:[a-z0-9-]+:\\d{12}:stateMachine:[A-Za-z0-9_-]+")) {
      throw new IllegalArgumentException("--state-machine-arn '" + stateMachineArn + "' is not a state machine ARN");
    }
    var input = Json.object().put("trigger", "manual");
    jobs.forEach(input.putArray("jobs")::add);
    return StartExecutionRequest.builder().stateMachineArn(stateMachineArn).name(name).input(input.toString()).build();
  }
}
