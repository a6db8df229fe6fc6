package io.tributary.aws.local;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * DynamoDB Local, in memory, in a JVM of its own (its AWS SDK v1 and Jetty clash with Spark). Its jars and
 * native SQLite libraries come from the {@code dynamodb-local} module's {@code target/lib}, located by
 * the system property {@value #HOME_PROPERTY}.
 */
public final class DynamoDbLocalProcess implements AutoCloseable {
  /** The system property naming the directory of DynamoDB Local's jars. */
  public static final String HOME_PROPERTY = "tributary.dynamodbLocal.home";

  private static final Duration START_TIMEOUT = Duration.ofSeconds(60);
  private final Process process;
  private final int port;

  private DynamoDbLocalProcess(Process process, int port) {
    this.process = process;
    this.port = port;
  }

  /** Starts DynamoDB Local in memory, from the directory named by {@value #HOME_PROPERTY}. */
  public static DynamoDbLocalProcess start() {
    return start(java.util.Optional.empty());
  }

  /** Starts DynamoDB Local keeping its tables in {@code dataDirectory} when given, else in memory. */
  public static DynamoDbLocalProcess start(java.util.Optional<Path> dataDirectory) {
    String home = System.getProperty(HOME_PROPERTY);
    if (home == null) {
      throw new IllegalStateException("system property " + HOME_PROPERTY
          + " is not set; build with 'mvn -pl dynamodb-local package' and point it at dynamodb-local/target/lib");
    }
    return start(Path.of(home), dataDirectory);
  }

  /** Starts DynamoDB Local from the jars in {@code lib}, on a free loopback port. */
  public static DynamoDbLocalProcess start(Path lib, java.util.Optional<Path> dataDirectory) {
    if (!Files.isDirectory(lib)) {
      throw new IllegalStateException("DynamoDB Local is not at " + lib
          + "; build it with 'mvn -pl dynamodb-local package'");
    }
    int port = freePort();
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    List<String> command = new java.util.ArrayList<>(List.of(java, "-Xmx512m",
        "-Djava.library.path=" + lib, "-Dsqlite4java.library.path=" + lib,
        "-cp", lib + File.separator + "*",
        "com.amazonaws.services.dynamodbv2.local.main.ServerRunner",
        "-sharedDb", "-port", Integer.toString(port)));
    if (dataDirectory.isPresent()) {
      try {
        Files.createDirectories(dataDirectory.get());
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      command.addAll(List.of("-dbPath", dataDirectory.get().toAbsolutePath().toString()));
    } else {
      command.add("-inMemory");
    }
    try {
      // It writes a metadata file into its working directory: keep that out of the user's tree.
      Path workDir = Files.createTempDirectory("dynamodb-local");
      workDir.toFile().deleteOnExit();
      Process process = new ProcessBuilder(command)
          .directory(workDir.toFile())
          .redirectErrorStream(true)
          .redirectOutput(ProcessBuilder.Redirect.DISCARD)
          .start();
      DynamoDbLocalProcess server = new DynamoDbLocalProcess(process, port);
      Runtime.getRuntime().addShutdownHook(new Thread(process::destroyForcibly));
      server.awaitPort();
      return server;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start DynamoDB Local", e);
    }
  }

  private void awaitPort() {
    Instant deadline = Instant.now().plus(START_TIMEOUT);
    while (Instant.now().isBefore(deadline)) {
      if (!process.isAlive()) {
        throw new IllegalStateException("DynamoDB Local exited with code " + process.exitValue());
      }
      try (Socket socket = new Socket()) {
        socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
        return;
      } catch (IOException notYet) {
        sleep();
      }
    }
    process.destroyForcibly();
    throw new IllegalStateException("DynamoDB Local did not open port " + port + " within " + START_TIMEOUT);
  }

  private static void sleep() {
    try {
      Thread.sleep(100);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while starting DynamoDB Local", e);
    }
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The endpoint, e.g. {@code http://127.0.0.1:41234}. */
  public URI endpoint() {
    return URI.create("http://127.0.0.1:" + port);
  }

  /** A client for this server (fixed dummy credentials; DynamoDB Local checks none). */
  public DynamoDbClient client() {
    return DynamoDbClient.builder()
        .endpointOverride(endpoint())
        .region(Region.US_EAST_1)
        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
        .httpClient(UrlConnectionHttpClient.create())
        .build();
  }

  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(5, java.util.concurrent.TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }
}
