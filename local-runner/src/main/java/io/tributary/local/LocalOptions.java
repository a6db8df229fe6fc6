package io.tributary.local;

import io.tributary.core.config.JobConfig;
import io.tributary.core.config.JobTableParser;
import io.tributary.core.config.JobTableSync;
import io.tributary.core.secret.SecretSourceSpec;
import io.tributary.core.window.WindowTime;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import picocli.CommandLine.Option;

/** Options the local commands share: where local state lives, the job table, credentials, the clock. */
final class LocalOptions {
  @Option(names = "--state", description = "Directory of the local job table and history (DynamoDB Local"
      + " data), kept between commands (default: ${DEFAULT-VALUE}).")
  Path state = Path.of(".tributary", "state");

  @Option(names = "--config", description = "Load this job table first (validated whole; an invalid file"
      + " changes nothing).")
  Path config;

  @Option(names = "--lake-root", description = "Run the job table's S3 locations on this directory instead:"
      + " s3://BUCKET/... (and s3a://) read and write DIR/BUCKET/..., as the demo's lake does.")
  Path lakeRoot;

  @Option(names = "--secret-source", description = "Database credentials: env, file:PATH, ssm or"
      + " ssm:URL,USER,PASSWORD (default: ${DEFAULT-VALUE}).")
  String secretSource = "env";

  @Option(names = "--now", converter = WindowTimeConverter.class,
      description = "The time to plan at, yyyy-MM-dd HH:mm:ss UTC (default: now).")
  Instant now;

  /** Reads a job-table time as a flag is parsed, so a bad one stops the command before anything starts. */
  static final class WindowTimeConverter implements picocli.CommandLine.ITypeConverter<Instant> {
    @Override
    public Instant convert(String value) {
      return WindowTime.parse(value);
    }
  }

  @Option(names = "--max-windows-per-run", description = "Catch-up limit per job (default: ${DEFAULT-VALUE}).")
  int maxWindowsPerRun = 10;

  SecretSourceSpec secrets() {
    return SecretSourceSpec.parse(secretSource);
  }

  Clock clock() {
    return now == null ? Clock.systemUTC() : Clock.fixed(now, ZoneOffset.UTC);
  }

  /** Starts the local stores on the state directory and loads --config into them when given. */
  LocalStores openStores(PrintWriter err) {
    requireConfigForLakeRoot();
    LocalStores stores = LocalStores.start(Optional.of(state.toAbsolutePath()));
    if (config != null) {
      try {
        new JobTableSync(stores.configs(), err::println).sync(config.toString(), configText());
      } catch (IOException e) {
        stores.close();
        throw new IllegalArgumentException("cannot read " + config + ": " + e.getMessage());
      } catch (RuntimeException e) {
        stores.close();
        throw e;
      }
    }
    return stores;
  }

  /** --lake-root maps the locations of the table --config loads: alone it would do nothing. */
  void requireConfigForLakeRoot() {
    if (lakeRoot != null && config == null) {
      throw new IllegalArgumentException(
          "--lake-root maps the S3 locations of the job table --config loads: give --config too");
    }
  }

  /** The jobs of --config, on --lake-root when given (read only; nothing is loaded). */
  List<JobConfig> jobTable() {
    if (lakeRoot == null) {
      return JobTableParser.parse(config);
    }
    try {
      return JobTableParser.parse(config.toString(), configText());
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot read " + config + ": " + e.getMessage());
    }
  }

  /** The text of --config, its S3 locations on --lake-root when given. */
  private String configText() throws IOException {
    String table = Files.readString(config);
    return lakeRoot == null ? table : onLakeRoot(table, lakeRoot);
  }

  /** The job table {@code table} with every {@code s3://BUCKET} and {@code s3a://BUCKET} below {@code root}. */
  static String onLakeRoot(String table, Path root) {
    String local = root.toAbsolutePath().normalize().toUri().toString().replaceAll("/$", "");
    return table.replaceAll("s3a?://([a-z0-9][a-z0-9.-]*[a-z0-9])", Matcher.quoteReplacement(local)
        + "/$1");
  }

  /** A date ({@code yyyy-MM-dd}, midnight UTC) or a job-table timestamp. */
  static Instant dateOrTime(String text) {
    return WindowTime.parse(text.length() == 10 ? text + " 00:00" : text);
  }

  /** The job named {@code name} in the local job table; the message names the state directory. */
  JobConfig requireJob(LocalStores stores, String name) {
    return stores.configs().get(name)
        .orElseThrow(() -> new IllegalArgumentException("no job named '" + name + "' in " + state));
  }
}
