package io.tributary.local;

import java.nio.file.Files;
import java.nio.file.Path;

/** Finds the repository the CLI runs from (bin/tributary sets tributary.home; else the working directory). */
public final class RepositoryRoot {
  private RepositoryRoot() {}

  public static Path find() {
    String home = System.getProperty("tributary.home");
    Path root = home != null ? Path.of(home) : Path.of("").toAbsolutePath();
    if (!Files.isRegularFile(root.resolve("statemachine/ingestion.asl.json"))) {
      throw new IllegalStateException("not a Tributary checkout: " + root + " (no statemachine/ingestion.asl.json)");
    }
    return root;
  }
}
