package io.tributary.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tributary.core.config.JobKind;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Every registered job kind has its Spark side, and the entry point the Lambdas name is that class. */
@Tag("fast")
class SparkJobKindsTest {

  @Test
  void everyKindNamesTheEntryPointClassItsSparkSideRegisters() throws Exception {
    for (JobKind kind : JobKind.values()) {
      Class<?> entryPoint = SparkJobKinds.of(kind).entryPoint();
      assertEquals(entryPoint.getName(), kind.definition().entryPoint(), kind.label());
      assertEquals(kind, JobKind.fromEntryPoint(entryPoint.getName()).orElseThrow());
      Method main = entryPoint.getMethod("main", String[].class);
      assertTrue(Modifier.isStatic(main.getModifiers()), entryPoint + " has a static main");
    }
  }
}
