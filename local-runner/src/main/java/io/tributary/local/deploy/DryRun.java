package io.tributary.local.deploy;

import java.io.PrintWriter;
import java.util.Optional;

/** Prints every request of a deploy, in the order {@link Deployer} sends them, sending none. */
public final class DryRun {
  private DryRun() {}

  /** Prints {@code plan}'s requests to {@code out}, one per line: service, operation, the request as JSON. */
  public static void print(StackDeployment plan, PrintWriter out) {
    out.println("dry run: the requests of this deploy, none sent");
    line(out, "sts", "GetCallerIdentity", RequestJson.line(plan.callerIdentity()));
    line(out, "s3", "HeadBucket", RequestJson.line(plan.artifactBucket()));
    line(out, "ec2", "DescribeSubnets", RequestJson.line(plan.subnet()) + "   # needs tag "
        + StackDeployment.SUBNET_TAG + "=true");
    line(out, "ssm", "GetParameters", RequestJson.line(plan.secrets()));
    for (StackDeployment.Upload upload : plan.uploads()) {
      line(out, "s3", "HeadObject", RequestJson.line(upload.exists()));
      line(out, "s3", "PutObject", RequestJson.line(upload.request()) + "   # body " + upload.file()
          + ", only if HeadObject finds no such key");
    }
    line(out, "cloudformation", "DescribeStacks", RequestJson.line(plan.describeStack()));
    line(out, "cloudformation", "CreateChangeSet", RequestJson.line(plan.changeSet(Optional.empty()))
        + "   # UPDATE, with UsePreviousValue for parameters not given, if the stack exists");
    line(out, "cloudformation", "DescribeChangeSet", RequestJson.line(plan.describeChangeSet())
        + "   # until CREATE_COMPLETE");
    line(out, "cloudformation", "ExecuteChangeSet", RequestJson.line(plan.executeChangeSet()));
    line(out, "cloudformation", "DescribeStackEvents", RequestJson.line(plan.stackEvents())
        + "   # with DescribeStacks, until the stack settles; then its Outputs");
    out.flush();
  }

  private static void line(PrintWriter out, String service, String operation, String json) {
    out.printf("%-14s %-20s %s%n", service, operation, json);
  }
}
