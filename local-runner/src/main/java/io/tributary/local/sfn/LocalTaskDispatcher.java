package io.tributary.local.sfn;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.tributary.core.run.Failures;
import io.tributary.orchestration.Json;
import io.tributary.orchestration.TaskHandler;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The local side of every Task state: the state machine (run by aws-local-stepfunctions in Node) posts
 * {@code {state, resource, input}} here, on loopback, and gets back what AWS would answer. Lambda invokes
 * go to the same handlers the Lambda functions wrap (by function name), EMR and SNS to their stand-ins.
 * Errors come back with the name a Retry or Catch matches.
 */
public final class LocalTaskDispatcher implements AutoCloseable {
  /** The function name the local definition uses for handler {@code name}. */
  public static String functionName(String name) {
    return "local:" + name;
  }

  private final HttpServer server;
  private final Map<String, TaskHandler> lambdas;
  private final LocalEmrCluster emr;
  private final LocalNotifications sns;
  private final Map<String, AtomicLong> lambdaInvocations =
      new ConcurrentSkipListMap<>();

  public LocalTaskDispatcher(Map<String, TaskHandler> lambdas, LocalEmrCluster emr, LocalNotifications sns)
      throws IOException {
    this.lambdas = Map.copyOf(lambdas);
    this.emr = emr;
    this.sns = sns;
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/invoke", this::invoke);
    server.setExecutor(Executors.newFixedThreadPool(8));
    server.start();
  }

  public String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/invoke";
  }

  private void invoke(HttpExchange exchange) throws IOException {
    int status = 200;
    JsonNode body;
    try {
      JsonNode request = Json.MAPPER.readTree(exchange.getRequestBody());
      body = dispatch(Json.text(request, "resource"), request.get("input"));
    } catch (AwsServiceError e) {
      status = 500;
      body = error(e.errorType(), e.getMessage());
    } catch (Exception e) {
      // As Lambda reports any function error, named by its class, to Step Functions.
      status = 500;
      body = error(e.getClass().getName(), Failures.describe(e));
    }
    byte[] bytes = Json.MAPPER.writeValueAsBytes(body);
    exchange.getResponseHeaders().set("content-type", "application/json");
    exchange.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  private JsonNode dispatch(String resource, JsonNode input) throws Exception {
    return switch (resource) {
      case "arn:aws:states:::lambda:invoke" -> {
        String function = Json.text(input, "FunctionName");
        TaskHandler handler = lambdas.get(function.replaceFirst("^local:", ""));
        if (handler == null) {
          throw new AwsServiceError("Lambda.ResourceNotFoundException", "no local function " + function);
        }
        lambdaInvocations.computeIfAbsent(function.replaceFirst("^local:", ""),
            f -> new AtomicLong()).incrementAndGet();
        ObjectNode result = Json.object();
        result.put("StatusCode", 200);
        result.set("Payload", handler.invoke(input.path("Payload")));
        yield result;
      }
      case "arn:aws:states:::elasticmapreduce:createCluster.sync" -> emr.create(input);
      case "arn:aws:states:::elasticmapreduce:addStep.sync" -> emr.addStep(input);
      case "arn:aws:states:::elasticmapreduce:terminateCluster.sync" -> emr.terminate(input);
      case "arn:aws:states:::sns:publish" -> sns.publish(input);
      default -> throw new AwsServiceError("States.Runtime", "no local stand-in for resource " + resource);
    };
  }

  /** Lambda invocations so far, by function name. */
  public Map<String, Long> lambdaInvocations() {
    Map<String, Long> counts = new TreeMap<>();
    lambdaInvocations.forEach((name, count) -> counts.put(name, count.get()));
    return counts;
  }

  private static JsonNode error(String type, String message) {
    return Json.object().put("errorType", type).put("errorMessage", message == null ? "" : message);
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
