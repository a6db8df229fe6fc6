package io.tributary.core.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tributary.core.window.WindowTime;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * A job table in the awslabs original's format (written here after its cfn/config.txt and the loader
 * aws_etl_conf_jobs_custom_resource.py, not copied): comma-separated, headerless, 15 positional fields, its sample's
 * windows ({@code 00:00:000}), load dates ({@code 11/5/18}), placeholder cluster ids and padded bounds.
 */
@Tag("fast")
class AwslabsJobTableTest {
  static final String ORIGINAL = String.join("\n",
      "orders,11/5/18,2018-11-04 00:00:000,2018-11-05 00:00:000,j-0000000000000,PENDING,s3://bucket/RAW/,"
          + "s3://bucket/spark/ingest_on_prem_db_tables.py,spark,sales_orders,order_tstmp,region, 1, 1000, 10",
      "refunds,11/6/18,20181105 00:00:00,20181106 00:00:00,j-2AXXXXXXGAPLF,SUCCESS,s3://bucket/RAW/,"
          + "s3://bucket/spark/ingest_on_prem_db_tables.py,spark,sales_refunds,refund_tstmp,region, 1, 500, 4",
      "customers,11/5/18,2018-11-04 00:00:000,2018-11-05 00:00:000,j-0000000000000,PENDING,s3://bucket/RAW/,"
          + "s3://bucket/spark/ingest_on_prem_db_tables.py,spark,customers,full_load,region, 1, 1000, 10",
      "broken,11/5/18,2018-11-04 00:00:000,PENDING,s3://bucket/RAW/",
      "");

  @Test
  void eachRowBecomesTheSameJobWithEveryChangedCellReportedAndFullLoadRefusedNamingItsRow() {
    AwslabsJobTable.Import imported = AwslabsJobTable.convert("cfn/config.txt", ORIGINAL);

    assertEquals(2, imported.jobs());
    List<JobConfig> jobs = JobTableParser.parse("imported", imported.table());
    assertEquals(List.of("orders", "refunds"), jobs.stream().map(JobConfig::name).toList());
    JobConfig orders = jobs.get(0);
    assertEquals(WindowTime.parse("2018-11-04 00:00:00"), orders.window().start());
    assertEquals(WindowTime.parse("2018-11-05 00:00:00"), orders.window().stop());
    assertEquals(JobStatus.PENDING, orders.state().status());
    assertEquals(JobKind.JDBC_INGEST, orders.kind());
    assertEquals(JobStatus.SUCCEEDED, jobs.get(1).state().status(), "the original's SUCCESS");
    assertEquals(WindowTime.parse("2018-11-05 00:00:00"), jobs.get(1).window().start(), "its rotation's form");
    assertEquals("j-2AXXXXXXGAPLF", jobs.get(1).state().jobFlowId());
    List<String> changes = imported.changes().stream().map(Object::toString).toList();
    assertTrue(changes.contains("line 1 (orders): load_date '11/5/18' -> '2018-11-05': the original's M/d/yy date,"
        + " written yyyy-MM-dd"), changes.toString());
    assertTrue(changes.stream().anyMatch(c -> c.startsWith("line 1 (orders): load_window_start '2018-11-04 00:00:000'"
        + " -> '2018-11-04 00:00:00'")), changes.toString());
    assertTrue(changes.stream().anyMatch(c -> c.startsWith("line 1 (orders): job_flow_id 'j-0000000000000' -> '-'")));
    assertTrue(changes.stream().anyMatch(c -> c.startsWith("line 1 (orders): output_dir 's3://bucket/RAW/'")));
    assertTrue(changes.stream().anyMatch(c -> c.startsWith("line 1 (orders): script_source")
        && c.contains("-> 'jdbc-ingest'")));
    assertTrue(changes.stream().anyMatch(c -> c.startsWith("line 2 (refunds): job_status 'SUCCESS' -> 'SUCCEEDED'")));
    assertEquals(2, imported.refused().size());
    assertTrue(imported.refused().get(0).toString().startsWith("line 3: refused: window_db_column 'full_load'"),
        imported.refused().toString());
    assertTrue(imported.refused().get(1).toString().startsWith("line 4: refused: 5 comma-separated fields, expected"
        + " the original's 15"), imported.refused().toString());
    assertTrue(imported.table().contains("# refused, line 3:") && imported.table().contains(
        "# customers,11/5/18,"), "a refused row is kept, as a comment");
  }
}
