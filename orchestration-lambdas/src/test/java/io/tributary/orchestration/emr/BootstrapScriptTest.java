package io.tributary.orchestration.emr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** bootstrap/check-node.sh, run with a recording stand-in for the AWS CLI (no AWS here). */
class BootstrapScriptTest {
  static final Path SCRIPT = Path.of("..", "bootstrap", "check-node.sh").toAbsolutePath();
  @TempDir Path bin;

  Process run(String awsBody, String... args) throws Exception {
    Path aws = bin.resolve("aws");
    Files.writeString(aws, "#!/usr/bin/env bash\necho \"$@\" >> " + bin.resolve("calls.txt") + "\n" + awsBody + "\n");
    Files.setPosixFilePermissions(aws, PosixFilePermissions.fromString("rwxr-xr-x"));
    List<String> command = new java.util.ArrayList<>(List.of("bash", SCRIPT.toString()));
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    builder.environment().put("PATH", bin + ":" + System.getenv("PATH"));
    Process process = builder.start();
    process.waitFor();
    return process;
  }

  @Test
  void readsEachSeedParameterDecrypted() throws Exception {
    Process process = run("exit 0");

    assertEquals(0, process.exitValue(), new String(process.getInputStream().readAllBytes()));
    assertEquals(List.of(
        "ssm get-parameter --name postgre-jdbcurl --with-decryption --query Parameter.Name --output text",
        "ssm get-parameter --name postgre-user --with-decryption --query Parameter.Name --output text",
        "ssm get-parameter --name postgre-psswd --with-decryption --query Parameter.Name --output text"),
        Files.readAllLines(bin.resolve("calls.txt")));
  }

  @Test
  void failsTheNodeNamingTheUnreadableParameter() throws Exception {
    Process process = run("[[ \"$4\" == db-password ]] && exit 255; exit 0", "db-url", "db-user", "db-password");

    String output = new String(process.getInputStream().readAllBytes());
    assertEquals(1, process.exitValue());
    assertTrue(output.contains("cannot read SSM parameter 'db-password'"), output);
  }
}
