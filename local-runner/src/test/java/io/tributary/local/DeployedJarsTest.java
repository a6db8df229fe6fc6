package io.tributary.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.jar.JarFile;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * What is deployed carries nothing of the tests or the local stand-ins: no class of any module's test sources
 * (sample data, DynamoDB Local's launcher, in-memory stores) and nothing of the local runner, in the EMR jar or
 * the Lambda jar as the build leaves them.
 */
class DeployedJarsTest {
  static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
  static final List<String> MODULES = List.of("pipeline-core", "aws-adapters", "conversion", "spark-jobs",
      "orchestration-lambdas", "live-fill-function");

  @Test
  void theEmrAndLambdaJarsHoldNoTestOrLocalClass() throws IOException {
    Set<String> testClasses = new TreeSet<>();
    for (String module : MODULES) {
      Path classes = ROOT.resolve(module).resolve("target/test-classes");
      if (Files.isDirectory(classes)) {
        try (Stream<Path> files = Files.walk(classes)) {
          files.filter(f -> f.toString().endsWith(".class"))
              .forEach(f -> testClasses.add(classes.relativize(f).toString().replace('\\', '/')));
        }
      }
    }
    assertTrue(testClasses.contains("io/tributary/convert/S3dbSampleData.class"), "the sample data is a test class");
    assertTrue(testClasses.contains("io/tributary/aws/local/DynamoDbLocalProcess.class"));

    for (Path jar : List.of(jar("spark-jobs", "spark-jobs-.*-emr\\.jar"),
        jar("orchestration-lambdas", "orchestration-lambdas-.*-lambda\\.jar"),
        jar("live-fill-function", "live-fill-function-.*-lambda\\.jar"))) {
      List<String> found = new ArrayList<>();
      try (JarFile file = new JarFile(jar.toFile())) {
        file.stream().map(e -> e.getName())
            .filter(name -> testClasses.contains(name) || name.startsWith("io/tributary/local/")
                || name.contains("/testing/"))
            .forEach(found::add);
        assertTrue(file.getEntry("io/tributary/core/run/StepDocument.class") != null, jar + " holds the core");
      }
      assertEquals(List.of(), found, jar.getFileName() + " carries test or local classes");
    }
  }

  @Test
  void theEmrJarCarriesItsAwsSdkRelocatedBesideEmrsOwn() throws IOException {
    try (JarFile file = new JarFile(jar("spark-jobs", "spark-jobs-.*-emr\\.jar").toFile())) {
      List<String> unrelocated = file.stream().map(e -> e.getName())
          .filter(name -> name.startsWith("software/amazon/")).limit(5).toList();
      assertEquals(List.of(), unrelocated, "EMR's own SDK v2 on the classpath would meet these");
      assertTrue(file.getEntry("io/tributary/shaded/awssdk/services/dynamodb/DynamoDbClient.class") != null);
      assertTrue(file.getEntry("META-INF/services/io.tributary.shaded.awssdk.http.SdkHttpService") != null,
          "the HTTP client's service file moved along");
    }
  }

  private static Path jar(String module, String pattern) throws IOException {
    try (Stream<Path> files = Files.list(ROOT.resolve(module).resolve("target"))) {
      List<Path> jars = files.filter(p -> p.getFileName().toString().matches(pattern)).collect(Collectors.toList());
      assertEquals(1, jars.size(), module + ": " + jars);
      return jars.get(0);
    }
  }
}
