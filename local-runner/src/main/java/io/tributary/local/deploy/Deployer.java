package io.tributary.local.deploy;

import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.cloudformation.model.Change;
import software.amazon.awssdk.services.cloudformation.model.ChangeSetStatus;
import software.amazon.awssdk.services.cloudformation.model.CloudFormationException;
import software.amazon.awssdk.services.cloudformation.model.DescribeChangeSetResponse;
import software.amazon.awssdk.services.cloudformation.model.Output;
import software.amazon.awssdk.services.cloudformation.model.Stack;
import software.amazon.awssdk.services.cloudformation.model.StackEvent;
import software.amazon.awssdk.services.ec2.model.Subnet;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.ssm.model.GetParametersResponse;
import software.amazon.awssdk.services.sts.model.GetCallerIdentityResponse;

/**
 * Sends a {@link StackDeployment}: checks what it can before changing anything, uploads what the bucket lacks,
 * creates the change set and prints its changes, executes it and prints the stack's events as they come, and ends
 * with the stack's outputs. Throws {@link DeployFailedException} naming what failed.
 */
public final class Deployer {
  private final DeployClients aws;
  private final PrintWriter out;
  private final Duration poll;

  public Deployer(DeployClients aws, PrintWriter out, Duration poll) {
    this.aws = aws;
    this.out = out;
    this.poll = poll;
  }

  /** Deploys; returns the stack as it ended. */
  public Stack deploy(StackDeployment plan) throws InterruptedException {
    check(plan);
    upload(plan);
    Optional<Stack> existing = stack(plan);
    existing.ifPresent(Deployer::requireSettled);
    Instant began = Instant.now();
    aws.cloudFormation().createChangeSet(plan.changeSet(existing));
    print("change set %s (%s) created; waiting for CloudFormation to compute it", plan.describeChangeSet()
        .changeSetName(), existing.isPresent() ? "UPDATE" : "CREATE");
    DescribeChangeSetResponse changeSet = computed(plan);
    if (changeSet.status() == ChangeSetStatus.FAILED) {
      String reason = String.valueOf(changeSet.statusReason());
      if (reason.contains("didn't contain changes") || reason.contains("No updates")) {
        print("nothing to change: the stack already runs this template with these parameters");
        aws.cloudFormation().deleteChangeSet(b -> b.stackName(plan.target().stackName())
            .changeSetName(changeSet.changeSetName()));
        return stack(plan).orElseThrow();
      }
      throw new DeployFailedException("change set " + changeSet.changeSetName() + " failed: " + reason);
    }
    for (Change change : changeSet.changes()) {
      var resource = change.resourceChange();
      print("  %-8s %-34s %s%s", resource.actionAsString(), resource.logicalResourceId(), resource.resourceType(),
          "True".equals(resource.replacementAsString()) ? " (replaced)" : "");
    }
    aws.cloudFormation().executeChangeSet(plan.executeChangeSet());
    print("executing; the stack's events follow");
    Stack ended = awaitStack(plan, began);
    print("stack %s: %s", ended.stackName(), ended.stackStatusAsString());
    for (Output output : ended.outputs()) {
      print("  %s = %s", output.outputKey(), output.outputValue());
    }
    return ended;
  }

  private void check(StackDeployment plan) {
    GetCallerIdentityResponse identity = aws.sts().getCallerIdentity(plan.callerIdentity());
    print("credentials: account %s as %s, region %s", identity.account(), identity.arn(), plan.target().region());
    try {
      aws.s3().headBucket(plan.artifactBucket());
    } catch (S3Exception e) {
      throw new DeployFailedException("artifact bucket " + plan.target().artifactBucket() + " cannot be reached ("
          + e.statusCode() + "): create it in " + plan.target().region() + " or name another with --artifact-bucket");
    }
    String subnetId = plan.subnet().subnetIds().get(0);
    List<Subnet> subnets = aws.ec2().describeSubnets(plan.subnet()).subnets();
    if (subnets.isEmpty()) {
      throw new DeployFailedException("subnet " + subnetId + " is not in " + plan.target().region());
    }
    boolean tagged = subnets.get(0).tags().stream()
        .anyMatch(t -> t.key().equals(StackDeployment.SUBNET_TAG) && t.value().equals("true"));
    if (!tagged) {
      throw new DeployFailedException("subnet " + subnetId + " lacks the tag " + StackDeployment.SUBNET_TAG + "=true,"
          + " without which EMR's managed policy cannot create clusters in it: aws ec2 create-tags --resources "
          + subnetId + " --tags Key=" + StackDeployment.SUBNET_TAG + ",Value=true");
    }
    print("subnet %s (%s) is tagged for EMR", subnetId, subnets.get(0).vpcId());
    GetParametersResponse secrets = aws.ssm().getParameters(plan.secrets());
    List<String> missing = new ArrayList<>(secrets.invalidParameters());
    List<String> required = missing.stream().filter(plan.requiredSecretNames()::contains).toList();
    if (!required.isEmpty()) {
      throw new DeployFailedException("SSM parameters " + required + " do not exist: create them first (aws ssm"
          + " put-parameter --name " + required.get(0) + " ..., docs/operations.md)");
    }
    missing.removeAll(required);
    print("SSM parameters: %d found%s", secrets.parameters().size(), missing.isEmpty() ? ""
        : "; " + missing + " missing, needed only by warehouse-load jobs");
  }

  private void upload(StackDeployment plan) {
    for (StackDeployment.Upload upload : plan.uploads()) {
      String where = "s3://" + upload.request().bucket() + "/" + upload.request().key();
      if (exists(upload)) {
        print("unchanged, kept: %s", where);
      } else {
        aws.s3().putObject(upload.request(), RequestBody.fromFile(upload.file()));
        print("uploaded %s (%,d bytes)", where, upload.request().contentLength());
      }
    }
  }

  private boolean exists(StackDeployment.Upload upload) {
    try {
      aws.s3().headObject(upload.exists());
      return true;
    } catch (NoSuchKeyException absent) {
      return false;
    } catch (S3Exception e) {
      if (e.statusCode() == 404) {
        return false;
      }
      throw e;
    }
  }

  private Optional<Stack> stack(StackDeployment plan) {
    try {
      return aws.cloudFormation().describeStacks(plan.describeStack()).stacks().stream().findFirst();
    } catch (CloudFormationException e) {
      if (String.valueOf(e.awsErrorDetails() == null ? e.getMessage() : e.awsErrorDetails().errorMessage())
          .contains("does not exist")) {
        return Optional.empty();
      }
      throw e;
    }
  }

  private static void requireSettled(Stack stack) {
    String status = stack.stackStatusAsString();
    if (status.endsWith("_IN_PROGRESS")) {
      throw new DeployFailedException("stack " + stack.stackName() + " is " + status + ": wait for it to settle");
    }
    if (status.equals("ROLLBACK_COMPLETE") || status.equals("ROLLBACK_FAILED")) {
      throw new DeployFailedException("stack " + stack.stackName() + " is " + status + " (its creation failed):"
          + " delete it (aws cloudformation delete-stack --stack-name " + stack.stackName() + ") and deploy again");
    }
  }

  private DescribeChangeSetResponse computed(StackDeployment plan) throws InterruptedException {
    while (true) {
      DescribeChangeSetResponse changeSet = aws.cloudFormation().describeChangeSet(plan.describeChangeSet());
      if (changeSet.status() == ChangeSetStatus.CREATE_COMPLETE || changeSet.status() == ChangeSetStatus.FAILED) {
        return changeSet;
      }
      Thread.sleep(poll.toMillis());
    }
  }

  private Stack awaitStack(StackDeployment plan, Instant began) throws InterruptedException {
    Set<String> printed = new HashSet<>();
    while (true) {
      List<StackEvent> events = new ArrayList<>(aws.cloudFormation().describeStackEvents(plan.stackEvents())
          .stackEvents());
      for (int i = events.size() - 1; i >= 0; i--) {
        StackEvent event = events.get(i);
        if (!event.timestamp().isBefore(began) && printed.add(event.eventId())) {
          print("  %s %-34s %-20s %s%s", event.timestamp(), event.logicalResourceId(), event.resourceStatusAsString(),
              event.resourceType(), event.resourceStatusReason() == null ? "" : ": " + event.resourceStatusReason());
        }
      }
      Stack stack = stack(plan).orElseThrow(() -> new DeployFailedException("stack " + plan.target().stackName()
          + " disappeared while it deployed"));
      String status = stack.stackStatusAsString();
      if (!status.endsWith("_IN_PROGRESS")) {
        if (status.equals("CREATE_COMPLETE") || status.equals("UPDATE_COMPLETE")) {
          return stack;
        }
        throw new DeployFailedException("stack " + stack.stackName() + " ended " + status
            + (stack.stackStatusReason() == null ? "" : ": " + stack.stackStatusReason())
            + "; the events above name the resource that failed");
      }
      Thread.sleep(poll.toMillis());
    }
  }

  private void print(String format, Object... args) {
    out.printf(format + "%n", args);
    out.flush();
  }
}
