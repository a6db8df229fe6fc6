package io.tributary.local;

import io.tributary.core.window.LoadWindow;
import io.tributary.core.window.WindowTime;
import io.tributary.orchestration.Json;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
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

  @Option(names = "--backfill-from", description = "Back-fill the --jobs' windows from this time (yyyy-MM-dd or a"
      + " timestamp, UTC) to --backfill-to, without moving their live windows.")
  String backfillFrom;

  @Option(names = "--backfill-to", description = "End of the back-fill (exclusive), at or before the live window.")
  String backfillTo;

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    StartExecutionRequest request = request(stateMachineArn, jobs,
        name != null ? name : "manual-" + Instant.now().getEpochSecond(), backfill());
    // The region is the state machine's own, from its ARN; credentials come from the default chain.
    String region = stateMachineArn.split(":")[3];
    try (SfnClient sfn = SfnClient.builder().region(Region.of(region))
        .httpClient(UrlConnectionHttpClient.create()).build()) {
      spec.commandLine().getOut().println(sfn.startExecution(request).executionArn());
      return 0;
    } catch (SdkException e) {
      String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage().lines().findFirst().orElse("");
      boolean credentials = message.contains("credentials");
      spec.commandLine().getErr().println("start-execution: cannot start an execution of " + stateMachineArn + ": "
          + (credentials ? "no AWS credentials found (set AWS_PROFILE, or AWS_ACCESS_KEY_ID and"
              + " AWS_SECRET_ACCESS_KEY, or run where a role provides them)" : message));
      return 1;
    }
  }

  private Optional<LoadWindow> backfill() {
    if ((backfillFrom == null) != (backfillTo == null)) {
      throw new IllegalArgumentException("--backfill-from and --backfill-to go together");
    }
    if (backfillFrom == null) {
      return Optional.empty();
    }
    if (jobs.isEmpty()) {
      throw new IllegalArgumentException("a back-fill names its --jobs");
    }
    return Optional.of(new LoadWindow(LocalOptions.dateOrTime(backfillFrom), LocalOptions.dateOrTime(backfillTo)));
  }

  /** The StartExecution request of a manual run. */
  static StartExecutionRequest request(String stateMachineArn, List<String> jobs, String name) {
    return request(stateMachineArn, jobs, name, Optional.empty());
  }

  /** The StartExecution request of a manual run, or of a back-fill of {@code backfill}. */
  static StartExecutionRequest request(String stateMachineArn, List<String> jobs, String name,
      Optional<LoadWindow> backfill) {
    if (!stateMachineArn.matches("arn:aws[a-z-]*:states:[a-z0-9-]+:\\d{12}:stateMachine:[A-Za-z0-9_-]+")) {
      throw new IllegalArgumentException("--state-machine-arn '" + stateMachineArn + "' is not a state machine ARN");
    }
    var input = Json.object().put("trigger", "manual");
    jobs.forEach(input.putArray("jobs")::add);
    backfill.ifPresent(range -> input.putObject("backfill").put("from", WindowTime.format(range.start()))
        .put("to", WindowTime.format(range.stop())));
    return StartExecutionRequest.builder().stateMachineArn(stateMachineArn).name(name).input(input.toString()).build();
  }
}
