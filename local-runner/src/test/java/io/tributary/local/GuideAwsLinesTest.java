package io.tributary.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tributary.local.deploy.DeployTarget;
import io.tributary.local.deploy.StackDeployment;
import io.tributary.local.deploy.TemplateParameters;
import io.tributary.orchestration.aws.AwsApiModel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The AWS side of docs/operations.md as written: every {@code aws} line is a request its service takes, by
 * botocore's models, and the manual deploy path uploads to the keys {@code deploy} uploads to and gives the change
 * set every parameter the template cannot default.
 */
class GuideAwsLinesTest {
  static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

  @Test
  void everyAwsLineIsARequestItsServiceTakes() throws Exception {
    List<String> lines = new ArrayList<>();
    for (OperationsGuide.Block block : OperationsGuide.blocks()) {
      block.lines().stream().filter(l -> l.startsWith("aws ") || l.contains("$(aws ")).forEach(lines::add);
    }
    List<String> problems = new ArrayList<>();
    Set<String> checked = new TreeSet<>();
    for (String line : lines) {
      AwsCliLine command = AwsCliLine.parse(line);
      if (command.service().equals("s3") && command.command().equals("cp")) {
        // The CLI's own file copy, no API operation: a file of this checkout to an S3 URL.
        assertEquals(2, command.words().size(), line);
        assertTrue(Files.isRegularFile(ROOT.resolve(command.words().get(0))), line);
        assertTrue(command.words().get(1).startsWith("s3://"), line);
        continue;
      }
      problems.addAll(command.problems());
      checked.add(command.toString());
    }

    assertEquals(List.of(), problems);
    assertTrue(checked.containsAll(List.of("aws cloudformation create-change-set",
        "aws cloudformation wait change-set-create-complete", "aws cloudformation execute-change-set",
        "aws cloudformation wait stack-create-complete", "aws cloudformation describe-stacks",
        "aws s3api put-object", "aws sts get-caller-identity", "aws stepfunctions start-execution",
        "aws emr terminate-clusters", "aws dynamodb query")), "the guide's requests: " + checked);
  }

  @Test
  void theCheckFindsWhatAServiceWouldRefuse() {
    assertEquals(List.of("aws cloudformation create-change-set: --template-file is no flag of"),
        AwsCliLine.parse("aws cloudformation create-change-set --stack-name s --change-set-name c --template-file t")
            .problems().stream().map(p -> p.replaceAll(" of .*", " of")).toList());
    assertTrue(AwsCliLine.parse("aws cloudformation execute-change-set --stack-name s").problems().toString()
        .contains("requires ChangeSetName"));
    assertTrue(AwsCliLine.parse("aws cloudformation create-change-set --stack-name s --change-set-name c"
        + " --capabilities CAPABILITY_ALL").problems().toString().contains("'CAPABILITY_ALL' is not one of"));
    assertThrows(IllegalArgumentException.class,
        () -> AwsCliLine.parse("aws cloudformation wait stack-ready --stack-name s").problems());
    assertTrue(AwsCliLine.parse("aws s3api put-object --bucket b").problems().toString().contains("requires Key"));
    assertTrue(AwsCliLine.parse("aws dynamodb query --table-name t --key-condition-expression k"
        + " --expression-attribute-values '{\":j\":{\"Q\":\"x\"}}'").problems().toString()
        .contains("not a field of AttributeValue"));
  }

  @Test
  void theManualPathUploadsToTheKeysDeployUsesAndGivesEveryParameterWithoutADefault() throws Exception {
    List<String> manual = OperationsGuide.block("By hand, the same requests");
    String render = manual.stream().filter(l -> l.contains("cloudformation/render.mjs")).findFirst().orElseThrow();
    List<String> assignments = manual.stream().filter(l -> l.matches("[A-Z_]+=.*") && !l.contains("$(aws ")).toList();
    StringBuilder script = new StringBuilder("set -eu\n" + render + "\n");
    assignments.forEach(a -> script.append(a).append('\n'));
    for (String key : List.of("LAMBDA_KEY", "LIVE_FILL_KEY", "SPARK_KEY", "BOOTSTRAP_KEY", "TEMPLATE_KEY")) {
      script.append("echo ").append(key).append("=$").append(key).append('\n');
    }
    Process bash = new ProcessBuilder("bash", "-c", script.toString()).directory(ROOT.toFile())
        .redirectErrorStream(true).start();
    String printed = new String(bash.getInputStream().readAllBytes());
    assertEquals(0, bash.waitFor(), script + printed);
    Map<String, String> keys = printed.lines().filter(l -> l.matches("[A-Z_]+_KEY=.*"))
        .collect(Collectors.toMap(l -> l.substring(0, l.indexOf('=')), l -> l.substring(l.indexOf('=') + 1)));

    Path rendered = DeployCommand.rendered(ROOT);
    StackDeployment deploy = StackDeployment.plan(new DeployTarget("tributary", "eu-west-1", "my-artifacts",
        "tributary", new LinkedHashMap<>(Map.of("SubnetId", "subnet-0123456789abcdef0",
        "LakeBucketName", "my-lake-bucket", "StackBucketName", "tributary-111122223333-eu-west-1"))),
        DeployCommand.artifacts(ROOT), rendered, Instant.now());
    Map<String, String> deployed = new LinkedHashMap<>();
    deploy.changeSet(Optional.empty()).parameters().forEach(p -> deployed.put(p.parameterKey(), p.parameterValue()));
    assertEquals(deployed.get("LambdaJarKey"), keys.get("LAMBDA_KEY"), printed);
    assertEquals(deployed.get("LiveFillJarKey"), keys.get("LIVE_FILL_KEY"), printed);
    assertEquals(deployed.get("SparkJarKey"), keys.get("SPARK_KEY"), printed);
    assertEquals(deployed.get("BootstrapScriptKey"), keys.get("BOOTSTRAP_KEY"), printed);
    assertEquals(deploy.uploads().get(deploy.uploads().size() - 1).request().key(), keys.get("TEMPLATE_KEY"),
        "the template the guide renders is the one deploy renders: " + printed);

    String changeSet = manual.stream().filter(l -> l.startsWith("aws cloudformation create-change-set")).findFirst()
        .orElseThrow();
    Set<String> given = new TreeSet<>();
    for (String word : AwsCliLine.words(changeSet)) {
      if (word.startsWith("ParameterKey=")) {
        given.add(word.substring("ParameterKey=".length(), word.indexOf(',')));
      }
    }
    TemplateParameters template = TemplateParameters.read(rendered);
    Set<String> undefaulted = template.defaults().entrySet().stream().filter(e -> e.getValue().isEmpty())
        .map(Map.Entry::getKey).collect(Collectors.toCollection(TreeSet::new));
    assertTrue(given.containsAll(undefaulted), "the create gives " + given + ", the template defaults none of "
        + undefaulted);
    assertTrue(given.containsAll(List.of("LambdaJarKey", "LiveFillJarKey", "SparkJarKey", "BootstrapScriptKey")),
        given.toString());
    given.forEach(name -> assertTrue(template.declares(name), name + " is no parameter of the template"));
    assertTrue(AwsApiModel.of("cloudformation").waiterOperation("ChangeSetCreateComplete").isPresent());
  }
}
