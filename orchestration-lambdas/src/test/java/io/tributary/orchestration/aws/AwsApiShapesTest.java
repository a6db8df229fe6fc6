package io.tributary.orchestration.aws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tributary.core.config.JobConfig;
import io.tributary.core.config.JobTableParser;
import io.tributary.core.run.DeploymentSettings;
import io.tributary.core.run.KindNamespaces;
import io.tributary.core.secret.SecretSourceSpec;
import io.tributary.core.window.LoadWindow;
import io.tributary.core.window.WindowTime;
import io.tributary.orchestration.Json;
import io.tributary.orchestration.emr.ClusterRequestBuilder;
import io.tributary.orchestration.emr.ClusterRequestBuilderTest;
import io.tributary.orchestration.emr.StepSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The requests Tributary builds for AWS, checked against AWS's own API models (botocore's service definitions):
 * the EMR cluster and step the state machine sends, and every Task's Parameters in statemachine/ingestion.asl.json
 * against the API of the Step Functions integration its Resource names. EMR cannot run here; its models can.
 */
class AwsApiShapesTest {
  static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

  /**
   * Step Functions' optimized integrations the definition may name, and the API action behind each, from
   * https://docs.aws.amazon.com/step-functions/latest/dg/integrate-optimized.html. {@code sync}: whether the
   * integration supports {@code .sync} (Run a Job); {@code fields}: the integration's own parameters where they differ
   * from the action's input (EMR's take ClusterId and one Step,
   * https://docs.aws.amazon.com/step-functions/latest/dg/connect-emr.html), mapped to the action's input members.
   */
  record Integration(String service, String operation, boolean sync, Map<String, String> fields, Set<String> required) {}

  static final Map<String, Integration> INTEGRATIONS = Map.of(
      "lambda:invoke", new Integration("lambda", "Invoke", false, Map.of(), Set.of()),
      "sns:publish", new Integration("sns", "Publish", false, Map.of(), Set.of()),
      "elasticmapreduce:createCluster", new Integration("emr", "RunJobFlow", true, Map.of(), Set.of()),
      "elasticmapreduce:addStep", new Integration("emr", "AddJobFlowSteps", true,
          Map.of("ClusterId", "JobFlowId", "Step", "Steps[]", "ExecutionRoleArn", "ExecutionRoleArn"),
          Set.of("ClusterId", "Step")),
      "elasticmapreduce:terminateCluster", new Integration("emr", "TerminateJobFlows", true,
          Map.of("ClusterId", "JobFlowIds[]"), Set.of("ClusterId")));

  static JsonNode definition;

  @BeforeAll
  static void read() throws Exception {
    String text = Files.readString(ROOT.resolve("statemachine/ingestion.asl.json"));
    for (String name : List.of("PlanRunFunctionArn", "RecordHistoryFunctionArn", "SummarizeFunctionArn")) {
      text = text.replace("${" + name + "}", "arn:aws:lambda:eu-west-1:111122223333:function:tributary-" + name);
    }
    text = text.replace("${RunSummaryTopicArn}", "arn:aws:sns:eu-west-1:111122223333:tributary-summary");
    definition = Json.MAPPER.readTree(text);
  }

  /** Every Task state of the definition, by name, in Map iterators too. */
  static Map<String, JsonNode> tasks(JsonNode states) {
    Map<String, JsonNode> tasks = new LinkedHashMap<>();
    states.fields().forEachRemaining(entry -> {
      JsonNode state = entry.getValue();
      if (state.path("Type").asText().equals("Task")) {
        tasks.put(entry.getKey(), state);
      }
      JsonNode inner = state.has("ItemProcessor") ? state.get("ItemProcessor") : state.path("Iterator");
      if (inner.has("States")) {
        tasks.putAll(tasks(inner.get("States")));
      }
    });
    return tasks;
  }

  /**
   * The request a Task's {@code parameters} make from {@code state}: each "X.$" path into the state replaced by
   * what it selects (a problem if it selects nothing), context-object paths and intrinsic functions by
   * {@link AwsApiModel#UNKNOWN}.
   */
  static JsonNode effective(JsonNode parameters, JsonNode state, String where, List<String> problems) {
    if (!parameters.isObject()) {
      return parameters;
    }
    ObjectNode request = Json.object();
    for (Iterator<Map.Entry<String, JsonNode>> fields = parameters.fields(); fields.hasNext(); ) {
      Map.Entry<String, JsonNode> field = fields.next();
      if (!field.getKey().endsWith(".$")) {
        request.set(field.getKey(), effective(field.getValue(), state, where + "." + field.getKey(), problems));
        continue;
      }
      String name = field.getKey().substring(0, field.getKey().length() - 2);
      String path = field.getValue().asText();
      if (state == null || !path.startsWith("$.")) {
        request.set(name, AwsApiModel.UNKNOWN);
        continue;
      }
      JsonNode selected = state.at("/" + path.substring(2).replace('.', '/'));
      if (selected.isMissingNode()) {
        problems.add(where + "." + name + ": " + path + " selects nothing in the state the step is given");
      }
      request.set(name, selected.isMissingNode() ? AwsApiModel.UNKNOWN : selected);
    }
    return request;
  }

  /** The problems of a Task's request against its integration's API. */
  static List<String> problemsOf(String state, JsonNode task, JsonNode sample) {
    List<String> problems = new ArrayList<>();
    String resource = task.path("Resource").asText();
    String integration = resource.replaceFirst("^arn:aws:states:::", "").replaceFirst("\\.sync$", "");
    Integration known = INTEGRATIONS.get(integration);
    if (!resource.startsWith("arn:aws:states:::") || known == null) {
      problems.add(state + ": " + resource + " is not a Step Functions integration this check knows");
      return problems;
    }
    if (resource.endsWith(".sync") && !known.sync()) {
      problems.add(state + ": " + integration + " has no .sync form");
    }
    AwsApiModel model = AwsApiModel.of(known.service());
    if (!model.hasOperation(known.operation())) {
      problems.add(state + ": " + known.service() + " has no operation " + known.operation());
      return problems;
    }
    String input = model.inputOf(known.operation());
    JsonNode request = effective(task.path("Parameters"), sample, state, problems);
    if (known.fields().isEmpty()) {
      problems.addAll(model.problems(input, request, state));
      return problems;
    }
    for (String required : known.required()) {
      if (!request.has(required)) {
        problems.add(state + ": " + integration + " requires " + required);
      }
    }
    request.fields().forEachRemaining(field -> {
      String member = known.fields().get(field.getKey());
      if (member == null) {
        problems.add(state + "." + field.getKey() + ": not a parameter of " + integration + " " + known.fields().keySet());
        return;
      }
      boolean item = member.endsWith("[]");
      String shape = model.memberShape(input, item ? member.substring(0, member.length() - 2) : member);
      if (item) {
        shape = model.listMember(shape);
      }
      problems.addAll(model.problems(shape, field.getValue(), state + "." + field.getKey()));
    });
    return problems;
  }

  static JobConfig deposit() {
    return JobTableParser.parse("t", "job_name|load_date|load_window_start|load_window_stop|job_flow_id"
        + "|job_status|output_dir|script_source|database_name|table_name|window_db_column|partition_by_col"
        + "|lower_bound|upper_bound|num_partitions\n"
        + "deposit|-|2018-11-04 00:00:00|2018-11-05 00:00:00|-|PENDING|s3://lake/RAW|jdbc-ingest|sales|deposits"
        + "|shipmt_date_tstmp|quarter|1|1000|4\n").get(0);
  }

  /** The state each Task is given, as the definition's earlier states leave it, from the code that builds it. */
  static JsonNode sampleState() {
    ObjectNode state = Json.object();
    ObjectNode plan = state.putObject("plan");
    plan.set("cluster", ClusterRequestBuilder.build(ClusterRequestBuilderTest.spec(true), "exec-42"));
    StepSettings steps = new StepSettings("s3://artifacts/tributary/spark-jobs-emr.jar", new DeploymentSettings(
        SecretSourceSpec.parse("ssm"), KindNamespaces.parse("{}")), "s3://data/runs");
    LoadWindow window = new LoadWindow(WindowTime.parse("2018-11-04 00:00:00"), WindowTime.parse("2018-11-05 00:00:00"));
    state.put("clusterId", "j-2AXXXXXXGAPLF");
    state.putObject("cluster").put("ClusterId", "j-2AXXXXXXGAPLF");
    ObjectNode current = state.putObject("current");
    current.put("stepName", "deposit " + window);
    current.set("stepArgs", Json.MAPPER.valueToTree(steps.emrStep(deposit(), window, "exec-42-deposit", List.of()).args()));
    return state;
  }

  @Test
  void theClusterRequestIsARunJobFlowRequestAsEmrDefinesIt() {
    AwsApiModel emr = AwsApiModel.of("emr");
    for (boolean spot : List.of(true, false)) {
      JsonNode request = ClusterRequestBuilder.build(ClusterRequestBuilderTest.spec(spot), "exec-42");
      assertEquals(List.of(), emr.problems(emr.inputOf("RunJobFlow"), request, "RunJobFlow"));
    }
  }

  @Test
  void everyTaskOfTheDefinitionSendsWhatItsIntegrationsApiTakes() {
    JsonNode state = sampleState();
    Map<String, JsonNode> tasks = tasks(definition.get("States"));
    assertTrue(tasks.size() >= 10, "tasks: " + tasks.keySet());
    List<String> problems = new ArrayList<>();
    // Paths into the state are resolved where the sample state is the one the task is given.
    Set<String> resolved = Set.of("CreateCluster", "RunStep", "TerminateCluster");
    tasks.forEach((name, task) -> problems.addAll(problemsOf(name, task, resolved.contains(name) ? state : null)));
    assertEquals(List.of(), problems);
  }

  @Test
  void theCheckFindsAWrongFieldATypeAMissingRequiredFieldAndAPathThatSelectsNothing() {
    AwsApiModel emr = AwsApiModel.of("emr");
    ObjectNode request = (ObjectNode) ClusterRequestBuilder.build(ClusterRequestBuilderTest.spec(false), "exec-1");
    request.remove("Name");
    request.put("StepConcurrencyLevel", "4");
    ((ObjectNode) request.get("Instances")).put("SubnetId", "subnet-1");
    ((ObjectNode) request.get("Instances").get("InstanceGroups").get(0)).put("Market", "RESERVED");
    List<String> problems = emr.problems(emr.inputOf("RunJobFlow"), request, "RunJobFlow");
    assertTrue(problems.contains("RunJobFlow: RunJobFlowInput requires Name"), problems.toString());
    assertTrue(problems.stream().anyMatch(p -> p.startsWith("RunJobFlow.StepConcurrencyLevel: Integer is an integer")),
        problems.toString());
    assertTrue(problems.stream().anyMatch(p -> p.startsWith("RunJobFlow.Instances.SubnetId: not a field")), problems.toString());
    assertTrue(problems.stream().anyMatch(p -> p.contains("'RESERVED' is not one of")), problems.toString());

    ObjectNode task = Json.object().put("Resource", "arn:aws:states:::elasticmapreduce:addStep.sync");
    task.putObject("Parameters").put("ClusterId.$", "$.cluster.Id").putObject("Step").put("Name", "x");
    List<String> step = problemsOf("RunStep", task, sampleState());
    assertTrue(step.contains("RunStep.ClusterId: $.cluster.Id selects nothing in the state the step is given"), step.toString());
    assertTrue(step.stream().anyMatch(p -> p.contains("StepConfig requires HadoopJarStep")), step.toString());
    ObjectNode invoke = Json.object().put("Resource", "arn:aws:states:::lambda:invoke.sync");
    invoke.putObject("Parameters").put("Function", "f");
    List<String> lambda = problemsOf("Plan", invoke, null);
    assertTrue(lambda.contains("Plan: lambda:invoke has no .sync form"), lambda.toString());
    assertTrue(lambda.stream().anyMatch(p -> p.startsWith("Plan.Function: not a field of InvocationRequest")), lambda.toString());
  }
}
