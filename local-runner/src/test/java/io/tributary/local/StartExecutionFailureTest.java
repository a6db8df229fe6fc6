package io.tributary.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code start-execution} where no AWS credentials exist: one line saying what is missing, exit 1. */
class StartExecutionFailureTest {
  @TempDir Path home;

  @Test
  void withoutCredentialsItSaysWhatIsMissingInOneLine() throws Exception {
    ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"), TributaryCli.class.getName(), "start-execution",
        "--state-machine-arn", "arn:aws:states:us-west-2:123456789012:stateMachine:Ingestion").redirectErrorStream(true);
    builder.environment().keySet().removeIf(k -> k.startsWith("AWS_"));
    builder.environment().put("HOME", home.toString());
    // Never ask an instance-metadata address: this machine has none, and tests talk to loopback only.
    builder.environment().put("AWS_EC2_METADATA_DISABLED", "true");
    Process process = builder.start();
    List<String> lines = new String(process.getInputStream().readAllBytes()).lines()
        .filter(l -> !l.contains("SLF4J")).toList();

    assertEquals(1, process.waitFor(), lines.toString());
    assertEquals(1, lines.size(), lines.toString());
    assertTrue(lines.get(0).startsWith("start-execution: cannot start an execution of arn:aws:states:us-west-2:"
        + "123456789012:stateMachine:Ingestion: no AWS credentials found"), lines.get(0));
  }
}
