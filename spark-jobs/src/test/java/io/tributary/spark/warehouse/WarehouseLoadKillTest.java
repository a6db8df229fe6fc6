package io.tributary.spark.warehouse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tributary.spark.testing.TestPostgres;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A load process killed while its COPY streams rows leaves the table exactly as it was; the rerun loads once. */
class WarehouseLoadKillTest {
  @TempDir Path dir;
  final TestPostgres pg = TestPostgres.get();

  @Test
  void aLoadKilledMidCopyLeavesTheTableAsItWasAndTheRerunLoadsTheDateOnce() throws Exception {
    pg.execute("DROP SCHEMA IF EXISTS api CASCADE");
    WarehouseInputs inputs = new WarehouseInputs(dir);
    inputs.write("api", "pages", "2015-07-01T00:00:00Z", "json", List.of(
        WarehouseLoadTest.json("2015-07-01T00:00:00Z", 1, "/a", 1)), WarehouseLoadTest.CONFIG);
    assertEquals(0, run().waitFor(), "first load");
    List<String> lines = new ArrayList<>();
    for (int i = 0; i < 600_000; i++) {
      lines.add(WarehouseLoadTest.json("2015-07-02T00:00:00Z", 100 + i, "/page/" + i, i % 100));
    }
    inputs.write("api", "pages", "2015-07-02T00:00:00Z", "json", lines, WarehouseLoadTest.CONFIG);

    Process load = run();
    assertTrue(waitForCopy(load), "the child reached its COPY");
    load.destroyForcibly().waitFor(30, TimeUnit.SECONDS);

    assertTrue(waitForNoCopy(), "the server ended the killed COPY");
    assertEquals(1, count(), "the killed load changed nothing");
    assertEquals(0, run().waitFor(), "rerun");
    assertEquals(600_001, count());
  }

  Process run() throws Exception {
    return new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
        System.getProperty("java.class.path"), WarehouseLoadChild.class.getName(), dir.toUri().toString(),
        pg.secrets().toString()).redirectErrorStream(true).redirectOutput(dir.resolve("child.log").toFile()).start();
  }

  boolean waitForCopy(Process load) throws Exception {
    for (int i = 0; i < 600 && load.isAlive(); i++) {
      if (copies() > 0) {
        Thread.sleep(300); // well into the stream
        return load.isAlive();
      }
      Thread.sleep(50);
    }
    return false;
  }

  boolean waitForNoCopy() throws Exception {
    for (int i = 0; i < 200; i++) {
      if (copies() == 0) {
        return true;
      }
      Thread.sleep(50);
    }
    return false;
  }

  int copies() throws Exception {
    try (Connection connection = pg.connect(); Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery("SELECT count(*) FROM pg_stat_activity WHERE query LIKE 'COPY \"api\"%'"
            + " AND application_name = 'tributary warehouse-load'")) {
      rows.next();
      return rows.getInt(1);
    }
  }

  long count() throws Exception {
    try (Connection connection = pg.connect(); Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery("SELECT count(*) FROM api.pages")) {
      rows.next();
      return rows.getLong(1);
    }
  }
}
