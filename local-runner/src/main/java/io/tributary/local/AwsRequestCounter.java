package io.tributary.local;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;

/**
 * Counts every AWS SDK request this JVM sends (each attempt, as the services bill them), by service and
 * operation, e.g. {@code DynamoDb.PutItem}. Registered for every client of the CLI through the SDK's global
 * interceptor list ({@code software/amazon/awssdk/global/handlers/execution.interceptors}), which only the CLI's
 * jar carries: the Lambda functions and the EMR steps do not count.
 */
public final class AwsRequestCounter implements ExecutionInterceptor {
  private static final Map<String, AtomicLong> COUNTS = new ConcurrentHashMap<>();

  @Override
  public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
    String operation = attributes.getAttribute(SdkExecutionAttribute.SERVICE_NAME) + "."
        + attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME);
    COUNTS.computeIfAbsent(operation, o -> new AtomicLong()).incrementAndGet();
  }

  /** The requests sent so far, by {@code service.operation}. */
  public static Map<String, Long> counts() {
    Map<String, Long> counts = new TreeMap<>();
    COUNTS.forEach((operation, count) -> counts.put(operation, count.get()));
    return counts;
  }
}
