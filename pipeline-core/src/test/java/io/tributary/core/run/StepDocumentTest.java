package io.tributary.core.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tributary.core.config.JobConfig;
import io.tributary.core.config.JobKind;
import io.tributary.core.config.JobTableParser;
import io.tributary.core.kind.NoSettings;
import io.tributary.core.kind.cubic.CubicSettings;
import io.tributary.core.kind.cubic.RegistryTableNames;
import io.tributary.core.kind.jdbc.JdbcSettings;
import io.tributary.core.kind.jdbc.ParquetCodec;
import io.tributary.core.secret.SecretSourceSpec;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * One versioned document carries every kind's step across the step boundary, read back with the job table's
 * checks; each kind reads only its own namespace of the deployment's settings.
 */
@Tag("fast")
class StepDocumentTest {
  static final List<JobConfig> JOBS = JobTableParser.parse("config.txt", RunPlannerTest.TABLE
      + "wh|-|2018-11-04 00:00:00|2018-11-05 00:00:00|-|PENDING|s3://lake/wh|warehouse-load|-|-|-|-|-|-|-"
      + "|schema=api;tables=pages,sessions;bucket=s3://analytics;granularity=hour\n"
      + "cu|-|2018-11-04 00:00:00|2018-11-05 00:00:00|-|PENDING|s3://lake/cu|cubic-ingest|-|-|-|-|-|-|-"
      + "|incoming=s3://in;springboard=s3://lake/sb;archive=s3://arc;error=s3://err;tables=*\n");
  static final DeploymentSettings DEPLOYED = new DeploymentSettings(SecretSourceSpec.parse("env"),
      new KindNamespaces(Map.of("jdbc-ingest", Map.of("codec", "zstd"),
          "cubic-ingest", Map.of("tables_table", "stack-CubicTables-1", "loads_table", "stack-CubicLoads-1"))));

  static JobConfig job(String name) {
    return JOBS.stream().filter(j -> j.name().equals(name)).findFirst().orElseThrow();
  }

  @Test
  void everyKindsStepReadsBackAsTheSameDocument() {
    for (JobKind kind : JobKind.values()) {
      JobConfig job = JOBS.stream().filter(j -> j.kind() == kind).findFirst().orElseThrow();
      StepDocument step = StepDocument.of(job, job.window().next(), "run-7", DEPLOYED,
          List.of("s3://feeds/gz/caiso/prices/year=2020/1577836800.csv.gz"), Optional.of("file:/r.json"));

      StepDocument read = StepDocument.fromArgs(step.toArgs().toArray(String[]::new));

      assertEquals(step, read, kind.label());
      assertEquals(job, read.job(), kind.label());
    }
  }

  @Test
  void eachKindReadsOnlyItsOwnNamespace() {
    StepDocument jdbc = StepDocument.of(job("deposit"), job("deposit").window(), "r", DEPLOYED, List.of(),
        Optional.empty());
    StepDocument cubic = StepDocument.of(job("cu"), job("cu").window(), "r", DEPLOYED, List.of(), Optional.empty());
    StepDocument convert = StepDocument.of(job("prices"), job("prices").window(), "r", DEPLOYED, List.of(),
        Optional.empty());

    assertEquals(new JdbcSettings(ParquetCodec.ZSTD), jdbc.settings(JdbcSettings.class));
    assertEquals(new CubicSettings(new RegistryTableNames("stack-CubicTables-1", "stack-CubicLoads-1")),
        cubic.settings(CubicSettings.class));
    assertEquals(new NoSettings(), convert.settings(NoSettings.class));
    assertTrue(convert.toJson().contains("\"settings\":{}"), convert.toJson());
    assertEquals(new JdbcSettings(ParquetCodec.SNAPPY), StepDocument.of(job("deposit"), job("deposit").window(),
        "r", DeploymentSettings.defaults(SecretSourceSpec.parse("ssm")), List.of(), Optional.empty())
        .settings(JdbcSettings.class), "the default codec");
  }

  @Test
  void aBadSettingIsRefusedWhenTheSettingsAreRead() {
    assertTrue(assertThrows(IllegalArgumentException.class, () -> KindNamespaces.parse(
        "{\"jdbc-ingest\": {\"codec\": \"bz2\"}}")).getMessage().startsWith("jdbc-ingest.codec: codec 'bz2'"));
    assertTrue(assertThrows(IllegalArgumentException.class, () -> KindNamespaces.parse(
        "{\"convert\": {\"codec\": \"zstd\"}}")).getMessage().startsWith("convert.codec: not a setting of convert"));
    assertTrue(assertThrows(IllegalArgumentException.class, () -> KindNamespaces.parse(
        "{\"spark\": {}}")).getMessage().contains("'spark' is not a job kind"));
    assertTrue(assertThrows(IllegalArgumentException.class, () -> KindNamespaces.parse("[1]"))
        .getMessage().startsWith("kind settings: not a JSON object"));
  }

  @Test
  void aBadDocumentIsRefusedNamingTheField() throws Exception {
    ObjectMapper json = new ObjectMapper();
    String good = StepDocument.of(job("deposit"), job("deposit").window(), "r", DEPLOYED, List.of(),
        Optional.empty()).toJson();
    ObjectNode badCell = (ObjectNode) json.readTree(good);
    ((ObjectNode) badCell.get("job")).put("num_partitions", "0");
    ObjectNode otherVersion = (ObjectNode) json.readTree(good);
    otherVersion.put("tributary_step", 2);
    ObjectNode badRunId = (ObjectNode) json.readTree(good);
    badRunId.put("run_id", "../x");

    assertTrue(assertThrows(IllegalArgumentException.class, () -> StepDocument.parse(badCell.toString()))
        .getMessage().startsWith("step document: job.num_partitions: '0'"));
    assertTrue(assertThrows(IllegalArgumentException.class, () -> StepDocument.parse(otherVersion.toString()))
        .getMessage().contains("tributary_step: 2 is not version 1"));
    assertTrue(assertThrows(IllegalArgumentException.class, () -> StepDocument.parse(badRunId.toString()))
        .getMessage().contains("run_id: '../x' is not a run id"));
    assertTrue(assertThrows(IllegalArgumentException.class, () -> StepDocument.fromArgs("--job", "x"))
        .getMessage().startsWith("expected --step <step document> or --step-file <uri>"));
  }
}
