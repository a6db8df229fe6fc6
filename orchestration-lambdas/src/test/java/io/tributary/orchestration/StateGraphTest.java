package io.tributary.orchestration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tributary.orchestration.emr.ClusterRequestBuilder;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Walks every path of statemachine/ingestion.asl.json, following Next, Default, Choices and Catch edges,
 * and checks the guarantees the definition must keep: no orphaned cluster, no job failure that escapes.
 */
@Tag("fast")
class StateGraphTest {
  static JsonNode definition;
  static JsonNode states;

  @BeforeAll
  static void read() throws Exception {
    definition = new ObjectMapper().readTree(Path.of("..", "statemachine", "ingestion.asl.json").toFile());
    states = definition.get("States");
  }

  /** One way out of a state: where it leads, and whether it is the success edge. */
  record Edge(String target, boolean success) {}

  static List<Edge> edges(JsonNode state) {
    List<Edge> edges = new ArrayList<>();
    if (state.has("Next")) {
      edges.add(new Edge(state.get("Next").asText(), true));
    }
    if (state.has("Default")) {
      edges.add(new Edge(state.get("Default").asText(), true));
    }
    state.path("Choices").forEach(choice -> edges.add(new Edge(choice.get("Next").asText(), true)));
    state.path("Catch").forEach(c -> edges.add(new Edge(c.get("Next").asText(), false)));
    return edges;
  }

  static boolean isTerminal(JsonNode state) {
    String type = state.get("Type").asText();
    return type.equals("Succeed") || type.equals("Fail") || state.path("End").asBoolean(false);
  }

  /** Every path from StartAt to a terminal state, as state names. */
  static List<List<String>> paths() {
    List<List<String>> paths = new ArrayList<>();
    walk(definition.get("StartAt").asText(), new ArrayList<>(), new LinkedHashSet<>(), false, paths);
    return paths;
  }

  private static void walk(String name, List<String> path, Set<String> onPath, boolean viaClusterCreated,
      List<List<String>> out) {
    JsonNode state = states.get(name);
    assertTrue(state != null, "edge to a missing state " + name + " after " + path);
    assertFalse(onPath.contains(name), "top-level cycle through " + name);
    List<String> here = new ArrayList<>(path);
    here.add(viaClusterCreated ? name + "+" : name);
    if (isTerminal(state)) {
      out.add(here);
      return;
    }
    onPath.add(name);
    for (Edge edge : edges(state)) {
      boolean created = viaClusterCreated || (name.equals("CreateCluster") && edge.success());
      walk(edge.target(), here, onPath, created, out);
    }
    onPath.remove(name);
  }

  @Test
  void everyPathAfterClusterCreationPassesThroughTermination() {
    List<List<String>> paths = paths();
    int afterCreation = 0;
    for (List<String> path : paths) {
      boolean created = path.stream().anyMatch(s -> s.endsWith("+"));
      if (created) {
        afterCreation++;
        assertTrue(path.contains("TerminateCluster+"), "path leaves a cluster running: " + path);
      }
    }
    assertTrue(afterCreation >= 4, "paths after creation: " + afterCreation + " of " + paths.size());
  }

  @Test
  void everyFailurePathIsNotified() {
    for (List<String> path : paths()) {
      String end = path.get(path.size() - 1).replace("+", "");
      if (states.get(end).get("Type").asText().equals("Fail")) {
        assertTrue(path.stream().anyMatch(s -> s.startsWith("Notify")), "failure without notification: " + path);
      }
    }
  }

  @Test
  void everyTaskOutsideTheJobLoopCatchesEverythingOrIsTheStart() {
    states.fields().forEachRemaining(entry -> {
      JsonNode state = entry.getValue();
      if (state.get("Type").asText().equals("Task") || state.get("Type").asText().equals("Map")) {
        boolean catchesAll = false;
        for (JsonNode c : state.path("Catch")) {
          for (JsonNode error : c.get("ErrorEquals")) {
            catchesAll |= error.asText().equals("States.ALL");
          }
        }
        assertTrue(catchesAll, entry.getKey() + " has no Catch for States.ALL");
      }
    });
  }

  @Test
  void noJobFailureEscapesTheJobLoop() {
    JsonNode loop = states.get("RunJobs").get("ItemProcessor").get("States");
    loop.fields().forEachRemaining(entry -> {
      JsonNode state = entry.getValue();
      if (state.get("Type").asText().equals("Task")) {
        boolean catchesAll = false;
        for (JsonNode c : state.path("Catch")) {
          catchesAll |= c.get("ErrorEquals").toString().contains("States.ALL");
        }
        assertTrue(catchesAll, "job-loop task " + entry.getKey() + " lets an error fail the whole Map");
      }
      assertFalse(state.get("Type").asText().equals("Fail"), "a Fail state inside the loop stops other jobs");
    });
  }

  @Test
  void theCreateClusterStatePassesEveryFieldOfTheBuiltRequest() {
    JsonNode parameters = states.get("CreateCluster").get("Parameters");
    ClusterRequestBuilder.build(io.tributary.orchestration.emr.ClusterRequestBuilderTest.spec(true), "r").fieldNames()
        .forEachRemaining(field -> assertEquals("$.plan.cluster." + field, parameters.path(field + ".$").asText(),
            "CreateCluster passes " + field));
  }

  @Test
  void theClusterIsCreatedOnceAndTerminatedWithRetries() {
    assertEquals("arn:aws:states:::elasticmapreduce:createCluster.sync", states.get("CreateCluster").get("Resource").asText());
    assertEquals("arn:aws:states:::elasticmapreduce:addStep.sync",
        states.get("RunJobs").get("ItemProcessor").get("States").get("RunStep").get("Resource").asText());
    JsonNode terminate = states.get("TerminateCluster");
    assertEquals("arn:aws:states:::elasticmapreduce:terminateCluster.sync", terminate.get("Resource").asText());
    assertTrue(terminate.get("Retry").get(0).get("MaxAttempts").asInt() >= 5);
  }

  @Test
  void aCompletedWindowIsRecordedEvenWhenItsFunctionTimesOut() {
    JsonNode complete = states.get("RunJobs").get("ItemProcessor").get("States").get("CompleteWindow");
    List<String> retried = new ArrayList<>();
    complete.get("Retry").forEach(r -> r.get("ErrorEquals").forEach(e -> retried.add(e.asText())));
    assertTrue(retried.containsAll(List.of("Lambda.Unknown", "Sandbox.Timedout", "Lambda.TooManyRequestsException")),
        "recording success is idempotent per run: a timed-out attempt is retried, not recorded FAILED: " + retried);
  }

  /** Every ErrorEquals name of the definition, nested states included, with where it stands. */
  static java.util.Map<String, String> errorNames(JsonNode states, String prefix) {
    java.util.Map<String, String> names = new java.util.TreeMap<>();
    states.fields().forEachRemaining(entry -> {
      JsonNode state = entry.getValue();
      for (String field : List.of("Retry", "Catch")) {
        state.path(field).forEach(rule -> rule.get("ErrorEquals")
            .forEach(name -> names.put(name.asText(), prefix + entry.getKey() + "." + field)));
      }
      JsonNode nested = state.path("ItemProcessor").path("States");
      if (nested.isObject()) {
        names.putAll(errorNames(nested, prefix + entry.getKey() + "/"));
      }
    });
    return names;
  }

  @Test
  void everyErrorNameMatchedIsDefinedByAwsOrRaisedByTheCode() {
    errorNames(states, "").forEach((name, where) -> assertTrue(
        StateMachineErrors.AWS.contains(name) || StateMachineErrors.RAISED.contains(name),
        where + " matches '" + name + "', which neither AWS nor Tributary's code raises"));
  }

  @Test
  void everyErrorTheCodeRaisesIsMatchedByName() {
    java.util.Set<String> matched = errorNames(states, "").keySet();
    for (String raised : StateMachineErrors.RAISED) {
      assertTrue(matched.contains(raised), "the code raises " + raised + " but no Retry or Catch matches it");
    }
  }

  @Test
  void aRaisedErrorIsNamedByItsClassThroughTheHandlerInvocation() {
    TaskHandler busy = input -> {
      throw new WindowBusyException("held");
    };
    Exception thrown = org.junit.jupiter.api.Assertions.assertThrows(Exception.class,
        () -> busy.invoke(new ObjectMapper().createObjectNode()));
    assertTrue(StateMachineErrors.RAISED.contains(thrown.getClass().getName()));
    TaskHandler checked = input -> {
      throw new java.util.concurrent.TimeoutException("slow");
    };
    assertEquals(IllegalStateException.class, org.junit.jupiter.api.Assertions.assertThrows(Exception.class,
        () -> checked.invoke(new ObjectMapper().createObjectNode())).getClass());
  }
}
