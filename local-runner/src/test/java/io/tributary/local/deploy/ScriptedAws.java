package io.tributary.local.deploy;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Proxy;
import java.util.List;
import java.util.function.Function;
import software.amazon.awssdk.core.SdkRequest;

/**
 * An AWS SDK client answering each request from a script, recording it: a stand-in for a service that cannot run
 * here (STS, EC2, SSM, CloudFormation). The requests' fields are checked against AWS's models in
 * {@link DeployRequestsTest}.
 */
final class ScriptedAws {
  private ScriptedAws() {}

  /** A {@code type} client whose every call goes to {@code answer}, after {@code sent} records its request. */
  static <T> T client(Class<T> type, List<SdkRequest> sent, Function<SdkRequest, Object> answer) {
    InvocationHandler handler = (proxy, method, args) -> {
      if (args != null && args.length == 1 && args[0] instanceof SdkRequest request) {
        synchronized (sent) {
          sent.add(request);
        }
        return answer.apply(request);
      }
      if (method.isDefault()) {
        return InvocationHandler.invokeDefault(proxy, method, args);
      }
      return switch (method.getName()) {
        case "close" -> null;
        case "serviceName" -> type.getSimpleName();
        case "toString" -> "scripted " + type.getSimpleName();
        default -> throw new UnsupportedOperationException(type.getSimpleName() + "." + method.getName());
      };
    };
    return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, handler));
  }
}
