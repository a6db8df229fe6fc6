package io.tributary.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code tributary warehouse-load} as a user runs it: a process with the connection in the seed's environment
 * variables, an outcome table, exit 1 on failure, and the password never printed.
 */
class WarehouseLoadCommandTest {
  @TempDir static Path work;
  static LocalPostgres postgres;

  @BeforeAll
  static void start() throws Exception {
    postgres = LocalPostgres.start("dw", work.resolve("pg"));
  }

  @AfterAll
  static void stop() throws Exception {
    postgres.close();
  }

  record Result(int exit, String output) {}

  Result cli(Map<String, String> env, String... args) throws Exception {
    List<String> command = new java.util.ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp", System.getProperty("java.class.path"),
        TributaryCli.class.getName(), "warehouse-load"));
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    builder.environment().keySet().removeIf(k -> k.startsWith("WAREHOUSE_") || k.startsWith("REDSHIFT_"));
    builder.environment().putAll(env);
    Process process = builder.start();
    String output = new String(process.getInputStream().readAllBytes());
    return new Result(process.waitFor(), output);
  }

  @Test
  void loadsTheLatestInputOfABucketWithTheConnectionFromTheEnvironment() throws Exception {
    Path bucket = work.resolve("bucket");
    Path day = bucket.resolve("api/pages/_data_timestamp_year=2015/_data_timestamp_month=07/_data_timestamp_day=01");
    Files.createDirectories(day);
    Files.writeString(day.resolve("api_pages_2015-07-01T00:00:00Z.json"),
        "{\"day\":\"2015-07-01T10:00:00Z\",\"id\":1}\n{\"day\":\"2015-07-01T11:00:00Z\",\"id\":2}\n");
    Files.writeString(day.resolve("config_api_pages_2015-07-01T00:00:00Z.yml"), "pages:\n  dest: pages\n  columns:\n"
        + "    - {dest: day, type: timestamp, notnull: true}\n    - {dest: id, type: bigint, primarykey: true}\n"
        + "  meta: {datadatecolumn: day, schema: api}\n");
    String url = "jdbc:postgresql://localhost:" + postgres.port() + "/dw";
    Map<String, String> env = Map.of("WAREHOUSE_JDBC_URL", url, "WAREHOUSE_USER", "postgres",
        "WAREHOUSE_PASSWORD", "pa55-w0rd-secret");

    Result first = cli(env, "--schema", "api", "--tables", "pages", "--bucket", bucket.toString());
    Result again = cli(env, "--schema", "api", "--tables", "pages", "--bucket", bucket.toString());

    assertEquals(0, first.exit(), first.output());
    assertTrue(first.output().contains("api.pages") && first.output().contains("CREATED"), first.output());
    assertTrue(again.output().contains("REPLACED"), again.output());
    try (Connection connection = postgres.connect(); ResultSet rows = connection.createStatement()
        .executeQuery("SELECT count(*) FROM api.pages")) {
      rows.next();
      assertEquals(2, rows.getLong(1));
    }
    Result noInput = cli(env, "--schema", "api", "--tables", "pages,sessions", "--bucket", bucket.toString());
    assertEquals(1, noInput.exit(), "a failed table makes the run fail: " + noInput.output());
    assertTrue(noInput.output().contains("no input of api.sessions"), noInput.output());
  }

  @Test
  void aConnectionFailureIsOneLineWithoutThePassword() throws Exception {
    Result result = cli(Map.of("WAREHOUSE_JDBC_URL", "jdbc:postgresql://localhost:1/dw", "WAREHOUSE_USER", "postgres",
        "WAREHOUSE_PASSWORD", "pa55-w0rd-secret"), "--schema", "api", "--tables", "pages", "--bucket", work.toString());

    assertEquals(1, result.exit(), result.output());
    assertTrue(result.output().contains("cannot connect to the warehouse"), result.output());
    assertFalse(result.output().contains("pa55-w0rd-secret"), result.output());
    Result unset = cli(Map.of(), "--schema", "api", "--tables", "pages", "--bucket", work.toString());
    assertTrue(unset.output().contains("set WAREHOUSE_JDBC_URL, WAREHOUSE_USER and WAREHOUSE_PASSWORD"), unset.output());
  }
}
