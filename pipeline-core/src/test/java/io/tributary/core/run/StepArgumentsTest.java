package io.tributary.core.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tributary.core.config.JobConfig;
import io.tributary.core.config.JobKind;
import io.tributary.core.config.JobTableParser;
import io.tributary.core.kind.convert.ConvertStepOptions;
import io.tributary.core.kind.jdbc.JdbcStepOptions;
import io.tributary.core.kind.jdbc.ParquetCodec;
import io.tributary.core.secret.SecretSourceSpec;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** One contract writes and parses every kind's step arguments; a flag of another kind is refused by name. */
class StepArgumentsTest {
  static final List<JobConfig> JOBS = JobTableParser.parse("config.txt", RunPlannerTest.TABLE
      + "wh|-|2018-11-04 00:00:00|2018-11-05 00:00:00|-|PENDING|s3://lake/wh|warehouse-load|-|-|-|-|-|-|-"
      + "|schema=api;tables=pages,sessions;bucket=s3://analytics;granularity=hour\n"
      + "cu|-|2018-11-04 00:00:00|2018-11-05 00:00:00|-|PENDING|s3://lake/cu|cubic-ingest|-|-|-|-|-|-|-"
      + "|incoming=s3://in;springboard=s3://lake/sb;archive=s3://arc;error=s3://err;tables=*\n");

  static JobConfig job(String name) {
    return JOBS.stream().filter(j -> j.name().equals(name)).findFirst().orElseThrow();
  }

  @Test
  void everyKindsStepParsesBackToTheSameArguments() {
    StepContext context = new StepContext(SecretSourceSpec.parse("env"), ParquetCodec.ZSTD,
        List.of("s3://feeds/gz/caiso/prices/year=2020/1577836800.csv.gz"));
    for (JobKind kind : JobKind.values()) {
      JobConfig job = JOBS.stream().filter(j -> j.kind() == kind).findFirst().orElseThrow();
      StepArguments step = StepArguments.of(job, job.window().next(), "run-7", context, Optional.of("file:/r.json"));

      StepArguments parsed = StepArguments.parse(step.toArgs().toArray(String[]::new));

      assertEquals(step, parsed, kind.label());
    }
  }

  @Test
  void eachKindTakesWhatAppliesToIt() {
    StepContext context = new StepContext(SecretSourceSpec.parse("ssm"), ParquetCodec.SNAPPY, List.of());
    StepArguments jdbc = StepArguments.of(job("deposit"), job("deposit").window(), "r", context, Optional.empty());
    StepArguments convert = StepArguments.of(job("prices"), job("prices").window(), "r", context, Optional.empty());

    assertEquals(new JdbcStepOptions(SecretSourceSpec.parse("ssm"), ParquetCodec.SNAPPY), jdbc.options());
    assertTrue(jdbc.toArgs().containsAll(List.of("--secret-source", "ssm", "--codec", "snappy")));
    assertEquals(new ConvertStepOptions(List.of()), convert.options());
    StepContext deployed = new StepContext(SecretSourceSpec.parse("ssm"), ParquetCodec.SNAPPY, List.of(),
        new io.tributary.core.kind.cubic.RegistryTableNames("stack-CubicTables-1", "stack-CubicLoads-1"));
    StepArguments cubic = StepArguments.of(job("cu"), job("cu").window(), "r", deployed, Optional.empty());
    assertTrue(java.util.Collections.indexOfSubList(cubic.toArgs(),
        List.of("--cubic-registry", "stack-CubicTables-1,stack-CubicLoads-1")) >= 0, cubic.toArgs().toString());
    assertEquals(cubic, StepArguments.parse(cubic.toArgs().toArray(String[]::new)));
    assertTrue(convert.toArgs().stream().noneMatch(a -> a.equals("--secret-source") || a.equals("--changed")));
  }

  @Test
  void aFlagOfAnotherKindOrAHalfWindowIsRefusedByName() {
    String row = StepArguments.row(job("prices"));

    assertTrue(assertThrows(IllegalArgumentException.class, () -> StepArguments.parse("--job", row, "--codec", "zstd"))
        .getMessage().contains("--codec does not apply to a convert job"));
    assertTrue(assertThrows(IllegalArgumentException.class,
        () -> StepArguments.parse("--job", row, "--window-start", "2020-01-01 00:00:00"))
        .getMessage().contains("--window-start and --window-stop go together"));
    assertTrue(assertThrows(IllegalArgumentException.class, () -> StepArguments.parse("--run-id", "r"))
        .getMessage().contains("--job is required"));
  }
}
