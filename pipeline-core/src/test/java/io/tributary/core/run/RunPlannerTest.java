package io.tributary.core.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tributary.core.config.JobConfig;
import io.tributary.core.config.JobTableParser;
import io.tributary.core.testing.InMemoryStores;
import io.tributary.core.window.LoadWindow;
import io.tributary.core.window.WindowTime;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** What an execution runs: due windows per job, back-fills before the live window, live-fills per convert job. */
@Tag("fast")
public class RunPlannerTest {
  public static final String TABLE = "job_name|load_date|load_window_start|load_window_stop|job_flow_id|job_status"
      + "|output_dir|script_source|database_name|table_name|window_db_column|partition_by_col|lower_bound"
      + "|upper_bound|num_partitions|options\n"
      + "deposit|-|2018-11-04 00:00:00|2018-11-05 00:00:00|-|PENDING|s3://lake/RAW|jdbc-ingest|sales|deposits"
      + "|created_at|quarter|1|1000|4|-\n"
      + "loan|-|2018-11-04 00:00:00|2018-11-05 00:00:00|-|DISABLED|s3://lake/RAW|jdbc-ingest|sales|loans"
      + "|created_at|id|1|1000|4|-\n"
      + "prices|-|2018-11-04 00:00:00|2018-11-05 00:00:00|-|PENDING|s3://out/parquet|convert|-|-|-|-|-|-|-"
      + "|source=s3://feeds/gz;format=parquet;compression=zst;layout=athena;partition_size=month;live=true\n"
      + "archive|-|2018-11-04 00:00:00|2018-11-05 00:00:00|-|PENDING|s3://out/archive|convert|-|-|-|-|-|-|-"
      + "|source=s3://feeds/gz;format=parquet;compression=zst;layout=athena;partition_size=day;live=false\n";
  static final Instant NOW = Instant.parse("2018-11-07T00:00:00Z");
  static final String JAN_1 = "s3://feeds/gz/caiso/prices/year=2020/1577836800.csv.gz";
  static final String JAN_3 = "s3://feeds/gz/caiso/prices/year=2020/1578009600.csv.gz";

  InMemoryStores stores;
  RunPlanner planner;

  @BeforeEach
  void load() {
    stores = new InMemoryStores();
    stores.configs().load(JobTableParser.parse("config.txt", TABLE));
    planner = new RunPlanner(stores.configs(), Clock.fixed(NOW, ZoneOffset.UTC), 2);
  }

  @Test
  void everyEnabledJobWithDueWindowsIsPlannedUpToTheCap() {
    RunPlan plan = planner.plan("run-1", Set.of());

    assertEquals(List.of("archive", "deposit", "prices"), plan.jobs().stream().map(RunPlan.PlannedJob::name).toList());
    RunPlan.PlannedJob deposit = plan.jobs().get(1);
    assertEquals(2, deposit.windows().size(), "three windows are due, two per run");
    assertEquals(WindowTime.parse("2018-11-04 00:00:00"), deposit.windows().get(0).start());
    assertEquals(6, plan.windowCount());
  }

  @Test
  void namedJobsOnlyAndUnknownNamesRefused() {
    assertEquals(List.of("deposit"), planner.plan("r", Set.of("deposit")).jobs().stream()
        .map(RunPlan.PlannedJob::name).toList());
    assertTrue(assertThrows(IllegalArgumentException.class, () -> planner.plan("r", Set.of("nope")))
        .getMessage().contains("no job named 'nope'"));
  }

  @Test
  void aBackfillPlansPastWindowsThatKeepTheJobWindow() {
    stores.configs().advance("deposit", window("2018-11-04", "2018-11-05"), window("2018-11-06", "2018-11-07"),
        stores.configs().get("deposit").orElseThrow().state());

    RunPlan plan = planner.planBackfill("b", Set.of("deposit"), WindowTime.parse("2018-11-04 00:00:00"),
        WindowTime.parse("2018-11-06 00:00:00"));

    RunPlan.PlannedJob job = plan.jobs().get(0);
    assertEquals(List.of(window("2018-11-04", "2018-11-05"), window("2018-11-05", "2018-11-06")), job.windows());
    assertTrue(job.keepsJobWindow());
  }

  @Test
  void aBackfillOfMoreWindowsThanARunTakesIsRefusedNamingWhereToSplitIt() {
    stores.configs().advance("deposit", window("2018-11-04", "2018-11-05"), window("2018-11-08", "2018-11-09"),
        stores.configs().get("deposit").orElseThrow().state());

    IllegalArgumentException refused = assertThrows(IllegalArgumentException.class, () -> planner.planBackfill("b",
        Set.of("deposit"), WindowTime.parse("2018-11-04 00:00:00"), WindowTime.parse("2018-11-07 00:00:00")));

    assertTrue(refused.getMessage().contains("has 3 windows, more than the 2 an execution runs"), refused.getMessage());
    assertTrue(refused.getMessage().contains("back-fill to 2018-11-06 00:00:00 first"), refused.getMessage());
  }

  @Test
  void aLiveFillCoversTheDaysOfItsObjectsForLiveConvertJobsOnly() {
    Map<String, List<String>> byJob = LiveFillBatch.byJob(stores.configs().all(),
        List.of(JAN_3, JAN_1, "s3://feeds/gz/caiso/prices/METADATA.json", "s3://elsewhere/x.csv.gz"));

    assertEquals(Map.of("prices", List.of(JAN_3, JAN_1)), byJob);
    RunPlan plan = planner.planLiveFill("live-1", byJob);
    RunPlan.PlannedJob prices = plan.jobs().get(0);
    assertEquals(List.of(window("2020-01-01", "2020-01-04")), prices.windows());
    assertTrue(prices.liveFill() && prices.keepsJobWindow());
    assertTrue(assertThrows(IllegalArgumentException.class,
        () -> planner.planLiveFill("live-2", Map.of("deposit", List.of(JAN_1)))).getMessage().contains("not a convert job"));
  }

  @Test
  void aDisabledLiveJobTakesNoObjects() {
    JobConfig prices = stores.configs().get("prices").orElseThrow();
    stores.configs().setState("prices", new io.tributary.core.config.JobState(prices.state().loadDate(), "-",
        io.tributary.core.config.JobStatus.DISABLED));

    assertEquals(Map.of(), LiveFillBatch.byJob(stores.configs().all(), List.of(JAN_1)));
  }

  static LoadWindow window(String start, String stop) {
    return new LoadWindow(WindowTime.parse(start + " 00:00:00"), WindowTime.parse(stop + " 00:00:00"));
  }
}
