package io.tributary.spark.testing;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.apache.hadoop.conf.Configuration;

/**
 * An S3 API over a local directory (S3Proxy, filesystem provider) in a JVM of its own, and the S3A
 * settings that reach it. A bucket is a directory below {@link #root()}; an object is a file.
 */
public final class LocalS3 implements AutoCloseable {
  private static final String HOME_PROPERTY = "tributary.s3proxy.home";
  private static final String KEY = "local";
  private static final String SECRET = "local-secret";

  private final Process process;
  private final int port;
  private final Path root;

  private LocalS3(Process process, int port, Path root) {
    this.process = process;
    this.port = port;
    this.root = root;
  }

  /** Starts S3Proxy on a free loopback port, serving the buckets below {@code root}. */
  public static LocalS3 start(Path root) throws IOException, InterruptedException {
    String home = System.getProperty(HOME_PROPERTY);
    if (home == null || !Files.isDirectory(Path.of(home))) {
      throw new IllegalStateException("S3Proxy is not at " + home + " (system property " + HOME_PROPERTY
          + "); build it with 'mvn -pl s3proxy-local package'");
    }
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    Files.createDirectories(root);
    Path properties = Files.writeString(root.resolveSibling("s3proxy-" + port + ".properties"), String.join("\n",
        "s3proxy.endpoint=http://127.0.0.1:" + port, "s3proxy.authorization=aws-v2-or-v4",
        "s3proxy.identity=" + KEY, "s3proxy.credential=" + SECRET, "jclouds.provider=filesystem",
        "jclouds.identity=" + KEY, "jclouds.credential=" + SECRET, "jclouds.filesystem.basedir=" + root.toAbsolutePath()));
    String classpath = String.join(File.pathSeparator, Files.list(Path.of(home))
        .map(Path::toString).filter(p -> p.endsWith(".jar")).sorted().toList());
    Process process = new ProcessBuilder(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xmx256m", "-DLOG_LEVEL=warn",
        "-cp", classpath, "org.gaul.s3proxy.Main", "--properties", properties.toString()))
        .redirectErrorStream(true).redirectOutput(root.resolveSibling("s3proxy-" + port + ".log").toFile()).start();
    Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
    while (Instant.now().isBefore(deadline)) {
      try (Socket ignored = new Socket("127.0.0.1", port)) {
        return new LocalS3(process, port, root);
      } catch (IOException notYet) {
        if (!process.isAlive()) {
          throw new IllegalStateException("S3Proxy exited: " + Files.readString(root.resolveSibling("s3proxy-" + port + ".log")));
        }
        Thread.sleep(100);
      }
    }
    process.destroyForcibly();
    throw new IllegalStateException("S3Proxy did not start on port " + port);
  }

  /** The directory holding the buckets. */
  public Path root() {
    return root;
  }

  /** Creates a bucket (a directory) and returns its local path. */
  public Path bucket(String name) throws IOException {
    return Files.createDirectories(root.resolve(name));
  }

  /**
   * Points S3A at this server: path-style requests over plain HTTP with static credentials, and few
   * retries, so a misconfiguration fails fast instead of stalling.
   */
  public void configure(Configuration conf) {
    settings().forEach(conf::set);
  }

  /** The S3A settings {@link #configure} sets, e.g. for a child JVM as {@code -Dspark.hadoop.<key>=<value>}. */
  public java.util.Map<String, String> settings() {
    java.util.Map<String, String> settings = new java.util.LinkedHashMap<>();
    settings.put("fs.s3a.endpoint", "http://127.0.0.1:" + port);
    settings.put("fs.s3a.path.style.access", "true");
    settings.put("fs.s3a.connection.ssl.enabled", "false");
    settings.put("fs.s3a.aws.credentials.provider", "org.apache.hadoop.fs.s3a.SimpleAWSCredentialsProvider");
    settings.put("fs.s3a.access.key", KEY);
    settings.put("fs.s3a.secret.key", SECRET);
    settings.put("fs.s3a.endpoint.region", "us-east-1");
    settings.put("fs.s3a.attempts.maximum", "2");
    settings.put("fs.s3a.retry.limit", "2");
    settings.put("fs.s3a.connection.establish.timeout", "5000");
    settings.put("fs.s3a.connection.timeout", "20000");
    settings.put("fs.s3a.change.detection.mode", "none");
    settings.put("fs.s3a.change.detection.version.required", "false");
    settings.put("fs.s3a.impl.disable.cache", "true");
    // S3Proxy does not answer the multi-object delete S3A sends after each write to clean up directory
    // markers (the request stalls): keep markers, and delete one object at a time.
    settings.put("fs.s3a.directory.marker.retention", "keep");
    settings.put("fs.s3a.multiobjectdelete.enable", "false");
    return settings;
  }

  @Override
  public void close() {
    process.destroy();
  }
}
