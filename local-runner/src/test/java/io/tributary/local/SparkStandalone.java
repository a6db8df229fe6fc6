package io.tributary.local;

import java.io.File;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * A Spark standalone cluster from {@code spark-core} itself: a master and two workers, each in its own JVM on
 * loopback, launching each application's executors in JVMs of their own. Its Spark home's {@code jars/} holds
 * Spark's jars (the EMR jar's provided scope, as {@code spark-classpath.txt} lists them) and, as EMR's Hadoop does,
 * S3A ({@code hadoop-aws} and the AWS SDK bundle it needs).
 */
final class SparkStandalone implements AutoCloseable {
  private final List<Process> processes;
  private final int masterPort;
  private final int masterUi;
  private final Path home;
  private final List<Path> workDirs;

  private SparkStandalone(List<Process> processes, int masterPort, int masterUi, Path home, List<Path> workDirs) {
    this.processes = processes;
    this.masterPort = masterPort;
    this.masterUi = masterUi;
    this.home = home;
    this.workDirs = workDirs;
  }

  /**
   * Starts the master and {@code workers} workers, each of {@code cores} cores and {@code workerMemory}, below
   * {@code dir}.
   */
  static SparkStandalone start(Path dir, Path sparkClasspath, int workers, int cores, String workerMemory)
      throws Exception {
    Path home = Files.createDirectories(dir.resolve("spark-home"));
    Path jars = Files.createDirectories(home.resolve("jars"));
    List<String> entries = new ArrayList<>(List.of(Files.readString(sparkClasspath).strip().split(File.pathSeparator)));
    Stream.of(System.getProperty("java.class.path").split(File.pathSeparator))
        .filter(p -> p.contains("/org/apache/hadoop/hadoop-aws/") || p.contains("/com/amazonaws/aws-java-sdk-bundle/")
            || p.contains("/org/slf4j/slf4j-api/") || p.contains("/com/fasterxml/jackson/"))
        .forEach(entries::add);
    for (String entry : entries) {
      Path jar = Path.of(entry);
      Path link = jars.resolve(jar.getFileName());
      if (entry.endsWith(".jar") && !Files.exists(link)) {
        Files.createSymbolicLink(link, jar);
      }
    }
    int port = freePort();
    int ui = freePort();
    List<Process> processes = new ArrayList<>();
    List<Path> workDirs = new ArrayList<>();
    try {
      processes.add(launch(home, dir.resolve("master.log"), "org.apache.spark.deploy.master.Master", "--host",
          "127.0.0.1", "--port", Integer.toString(port), "--webui-port", Integer.toString(ui)));
      for (int i = 0; i < workers; i++) {
        Path work = Files.createDirectories(dir.resolve("worker-" + i));
        workDirs.add(work);
        processes.add(launch(home, dir.resolve("worker-" + i + ".log"), "org.apache.spark.deploy.worker.Worker",
            "--host", "127.0.0.1", "--cores", Integer.toString(cores), "--memory", workerMemory, "--webui-port",
            Integer.toString(freePort()), "--work-dir", work.toString(), "spark://127.0.0.1:" + port));
      }
      SparkStandalone cluster = new SparkStandalone(processes, port, ui, home, workDirs);
      cluster.awaitWorkers(workers, dir);
      return cluster;
    } catch (Exception e) {
      processes.forEach(Process::destroyForcibly);
      throw e;
    }
  }

  /**
   * This JVM's java with its {@code --add-opens} (Spark needs them on Java 17) and the client compiler: the start
   * of a Spark process's line.
   */
  static List<String> javaCommand() {
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
    ManagementFactory.getRuntimeMXBean().getInputArguments().stream().filter(a -> a.startsWith("--add-opens"))
        .forEach(command::add);
    // Short-lived processes on small data: the client compiler alone costs less CPU than tiered compilation.
    command.add("-XX:TieredStopAtLevel=1");
    return command;
  }

  private static Process launch(Path home, Path log, String mainClass, String... args) throws IOException {
    List<String> command = javaCommand();
    command.addAll(List.of("-Xmx256m", "-cp", home.resolve("jars") + File.separator + "*", mainClass));
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
    builder.environment().put("SPARK_HOME", home.toString());
    builder.environment().put("SPARK_SCALA_VERSION", "2.12");
    builder.environment().put("SPARK_LOCAL_IP", "127.0.0.1");
    return builder.start();
  }

  private void awaitWorkers(int workers, Path dir) throws Exception {
    HttpClient http = HttpClient.newHttpClient();
    Instant deadline = Instant.now().plus(Duration.ofSeconds(90));
    String state = "";
    while (Instant.now().isBefore(deadline)) {
      try {
        state = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + masterUi + "/json/")).build(),
            HttpResponse.BodyHandlers.ofString()).body();
        if (state.contains("\"aliveworkers\" : " + workers) || state.contains("\"aliveworkers\":" + workers)) {
          return;
        }
      } catch (IOException notYet) {
        // the master's UI is not up yet
      }
      if (processes.stream().anyMatch(p -> !p.isAlive())) {
        break;
      }
      Thread.sleep(250);
    }
    throw new IllegalStateException("the standalone cluster did not get " + workers + " workers: " + state + "\n"
        + Files.readString(dir.resolve("master.log")));
  }

  /** The master's URL, for {@code spark-submit --master}. */
  String masterUrl() {
    return "spark://127.0.0.1:" + masterPort;
  }

  /** The Spark home whose {@code jars/} the cluster runs. */
  Path home() {
    return home;
  }

  /** The work directory of every executor JVM the workers have launched so far, over all applications. */
  List<Path> executorDirectories() throws IOException {
    List<Path> executors = new ArrayList<>();
    for (Path work : workDirs) {
      try (Stream<Path> apps = Files.list(work)) {
        for (Path app : apps.filter(Files::isDirectory).toList()) {
          try (Stream<Path> ids = Files.list(app)) {
            ids.filter(Files::isDirectory).forEach(executors::add);
          }
        }
      }
    }
    return executors;
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  @Override
  public void close() {
    processes.forEach(Process::destroy);
  }
}
