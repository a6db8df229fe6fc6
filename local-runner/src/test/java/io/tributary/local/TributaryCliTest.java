package io.tributary.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TributaryCliTest {
  @TempDir Path dir;


  @Test
  void validatePrintsOneLinePerJobOfTheShippedConfig() {
    CliRun result = CliRun.of("validate", Path.of("..", "config", "config.txt").toString());

    assertEquals(0, result.exit(), result.err());
    assertEquals(8, result.out().lines().count(), "one line per job and the total: " + result.out());
    assertTrue(result.out().contains("cubic: cubic-ingest s3a://my-cubic-incoming/cubic -> s3a://my-lake-bucket/springboard"
        + " (tables *)"), result.out());
    assertTrue(result.out().contains("warehouse_deposits: warehouse-load job deposit -> postgresql warehouse.deposits"),
        result.out());
    assertTrue(result.out().contains("prices: convert s3a://my-feeds-bucket/gz -> s3://my-lake-bucket/CONVERTED"), result.out());
    assertTrue(result.out().contains("deposit: jdbc-ingest sales.deposits window [2018-11-01 00:00:00, 2018-11-02 00:00:00)"));
  }

  @Test
  void validateListsEveryProblemAndFails() throws Exception {
    Path config = Files.writeString(dir.resolve("bad.txt"), Files.readString(Path.of("..", "config", "config.txt"))
        .replace("| deposits    |", "| deposits; drop table loans |")
        .replaceFirst("(?m)^(loan .*?)s3://my-lake-bucket/RAW", "$1http://bucket/RAW"));

    CliRun result = CliRun.of("validate", config.toString());

    assertEquals(1, result.exit());
    assertTrue(result.err().contains(config + ":5: table_name: 'deposits; drop table loans' is not a plain table name"),
        result.err());
    assertTrue(result.err().contains(config + ":7: output_dir: 'http://bucket/RAW'"), result.err());
  }

  @Test
  void demoRefusesAnInjectedTableNameBeforeStartingAnything() throws Exception {
    Path config = Files.writeString(dir.resolve("inject.txt"), Files.readString(Path.of("..", "config", "config.txt"))
        .replace("| deposits    |", "| deposits; drop table loans |"));

    CliRun result = CliRun.of("demo", "--config", config.toString(), "--lake", dir.resolve("lake").toString());

    assertEquals(2, result.exit());
    assertTrue(result.err().contains(":5: table_name: 'deposits; drop table loans'"), result.err());
    assertFalse(result.out().contains("Starting"), "no database was started, so no SQL ran");
    assertFalse(Files.exists(dir.resolve("lake")));
  }

  @Test
  void anImpossibleTimeIsOneLineWithoutATraceAndDebugShowsIt() {
    CliRun result = CliRun.of("run", "--now", "2018-13-45 99:00:00", "--state", dir.resolve("state").toString());

    assertEquals(2, result.exit(), result.err());
    assertEquals(1, result.err().lines().count(), result.err());
    assertTrue(result.err().contains("'2018-13-45 99:00:00' is not a timestamp of the form yyyy-MM-dd HH:mm:ss"),
        result.err());
    assertFalse(Files.exists(dir.resolve("state")), "nothing started");
  }

  @Test
  void anUnexpectedErrorIsOneLineAndDebugLetsItsTraceOut() throws Exception {
    Path notADirectory = Files.writeString(dir.resolve("state-file"), "not a directory");

    CliRun result = CliRun.of("history", "--job", "deposit", "--state", notADirectory.toString());

    assertEquals(1, result.exit(), result.err());
    assertEquals(1, result.err().lines().count(), result.err());
    assertTrue(result.err().startsWith("history: UncheckedIOException: cannot lock state directory")
        && result.err().contains("(--debug shows the trace)"), result.err());
    CliRun debug = CliRun.of("history", "--job", "deposit", "--debug", "--state", notADirectory.toString());
    assertTrue(debug.err().contains("at io.tributary.local.StateDirectoryLock"), "the trace: " + debug.err());
  }

  @Test
  void validateOfABinaryFileIsOneLine() throws Exception {
    Path binary = Files.write(dir.resolve("config.bin"), new byte[] {(byte) 0xFF, (byte) 0xFE, 0, 7, (byte) 0xC3});

    CliRun result = CliRun.of("validate", binary.toString());

    assertEquals(1, result.exit());
    assertTrue(result.err().contains(binary + ":1: not UTF-8 text"), result.err());
    assertFalse(result.err().contains("Exception"), result.err());
  }

  @Test
  void importConfigWritesTheAwslabsTableAsOursThatValidatePassesAndReportsWhatChanged() throws Exception {
    Path original = dir.resolve("config.txt");
    Files.writeString(original, "orders,11/5/18,2018-11-04 00:00:000,2018-11-05 00:00:000,j-0000000000000,PENDING,"
        + "s3://bucket/RAW/,s3://bucket/spark/ingest_on_prem_db_tables.py,spark,sales_orders,order_tstmp,region,"
        + " 1, 1000, 10\n");
    Path imported = dir.resolve("imported.txt");

    CliRun result = CliRun.of("import-config", "--from", "awslabs", original.toString(), "--to", imported.toString());

    assertEquals(0, result.exit(), result.err());
    assertTrue(result.err().contains("load_date '11/5/18' -> '2018-11-05'"), result.err());
    assertTrue(result.err().contains("1 job(s) imported"), result.err());
    CliRun validate = CliRun.of("validate", imported.toString());
    assertEquals(0, validate.exit(), validate.err() + validate.out());
    CliRun wrongFormat = CliRun.of("import-config", "--from", "airflow", original.toString());
    assertEquals(2, wrongFormat.exit(), wrongFormat.err());
  }
}
