package io.tributary.local;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Runs the tributary command line in a child JVM (this test's classpath), as bin/tributary launches it. */
final class CliProcess {
  private CliProcess() {}

  /** What the command printed (stdout and stderr together) and its exit code. */
  record Result(int exit, String output) {}

  /** Runs {@code args} in {@code directory} (null: this one) with {@code environment} added. */
  static Result run(Path directory, Map<String, String> environment, List<String> args) throws Exception {
    return run(directory, environment, List.of(), args);
  }

  /** As above, with {@code jvmOptions} (what TRIBUTARY_JAVA_OPTS gives bin/tributary). */
  static Result run(Path directory, Map<String, String> environment, List<String> jvmOptions, List<String> args)
      throws Exception {
    Process process = builder(directory, environment, jvmOptions, args).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes());
    return new Result(process.waitFor(), output);
  }

  /** Starts {@code args} in {@code directory} with {@code environment} added, what it prints going to {@code log}. */
  static Process start(Path directory, Map<String, String> environment, List<String> args, Path log)
      throws Exception {
    return builder(directory, environment, List.of(), args).redirectErrorStream(true).redirectOutput(log.toFile())
        .start();
  }

  private static ProcessBuilder builder(Path directory, Map<String, String> environment, List<String> jvmOptions,
      List<String> args) {
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path")));
    for (String pkg : List.of("java.lang", "java.lang.invoke", "java.lang.reflect", "java.io", "java.net", "java.nio",
        "java.util", "java.util.concurrent", "java.util.concurrent.atomic", "sun.nio.ch", "sun.nio.cs",
        "sun.security.action", "sun.util.calendar")) {
      command.add("--add-opens=java.base/" + pkg + "=ALL-UNNAMED");
    }
    // Short-lived: the client compiler alone starts them sooner and costs less CPU over a run this small.
    command.addAll(List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC"));
    command.addAll(jvmOptions);
    command.addAll(List.of("-Dspark.master=local[2]", "-Dlog4j2.configurationFile=log4j2.properties",
        "-Dtributary.home=" + Path.of("..").toAbsolutePath().normalize(),
        "-D" + io.tributary.aws.local.DynamoDbLocalProcess.HOME_PROPERTY + "="
            + System.getProperty(io.tributary.aws.local.DynamoDbLocalProcess.HOME_PROPERTY),
        TributaryCli.class.getName()));
    command.addAll(args);
    ProcessBuilder builder = new ProcessBuilder(command);
    if (directory != null) {
      builder.directory(directory.toFile());
    }
    builder.environment().putAll(environment);
    return builder;
  }
}
