package io.tributary.aws.glue;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.tributary.core.catalog.LakeCatalog;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.glue.model.Column;
import software.amazon.awssdk.services.glue.model.PartitionInput;
import software.amazon.awssdk.services.glue.model.TableInput;

/** The Glue requests for Cubic's tables, field by field (no Glue runs here). */
@Tag("fast")
class GlueTableInputsTest {
  static final LakeCatalog.Partition LOAD = new LakeCatalog.Partition("cubic__ods_qlik__edw_sample__ct",
      "s3a://lake/springboard/raw/cubic/ods_qlik/EDW.SAMPLE__ct",
      List.of(new LakeCatalog.Column("header__change_seq", "string"), new LakeCatalog.Column("sample_id", "int"),
          new LakeCatalog.Column("amount", "decimal(10,2)"), new LakeCatalog.Column("updated", "timestamp")),
      List.of("snapshot", "identifier"), List.of("20220304T134556Z", "20220304-134556444.csv.gz"),
      "s3a://lake/springboard/raw/cubic/ods_qlik/EDW.SAMPLE__ct/snapshot=20220304T134556Z/identifier=20220304-134556444.csv.gz");

  @Test
  void aRawTableIsAnExternalParquetTablePartitionedBySnapshotAndIdentifier() {
    TableInput table = GlueTableInputs.rawTable(LOAD);
    assertEquals("cubic__ods_qlik__edw_sample__ct", table.name());
    assertEquals("EXTERNAL_TABLE", table.tableType());
    assertEquals(Map.of("EXTERNAL", "TRUE", "classification", "parquet"), table.parameters());
    assertEquals(List.of("snapshot", "identifier"), table.partitionKeys().stream().map(Column::name).toList());
    assertEquals(List.of("string", "string"), table.partitionKeys().stream().map(Column::type).toList());
    assertEquals("s3://lake/springboard/raw/cubic/ods_qlik/EDW.SAMPLE__ct", table.storageDescriptor().location());
    assertEquals("org.apache.hadoop.hive.ql.io.parquet.MapredParquetInputFormat", table.storageDescriptor().inputFormat());
    assertEquals("org.apache.hadoop.hive.ql.io.parquet.MapredParquetOutputFormat", table.storageDescriptor().outputFormat());
    assertEquals("org.apache.hadoop.hive.ql.io.parquet.serde.ParquetHiveSerDe",
        table.storageDescriptor().serdeInfo().serializationLibrary());
    assertEquals(List.of("header__change_seq string", "sample_id int", "amount decimal(10,2)", "updated timestamp"),
        table.storageDescriptor().columns().stream().map(c -> c.name() + " " + c.type()).toList());
  }

  @Test
  void aLoadIsOnePartitionAtItsRawDirectory() {
    PartitionInput partition = GlueTableInputs.rawPartition(LOAD);
    assertEquals(List.of("20220304T134556Z", "20220304-134556444.csv.gz"), partition.values());
    assertEquals("s3://lake/springboard/raw/cubic/ods_qlik/EDW.SAMPLE__ct/snapshot=20220304T134556Z/"
        + "identifier=20220304-134556444.csv.gz", partition.storageDescriptor().location());
    assertEquals(4, partition.storageDescriptor().columns().size());
  }

  @Test
  void aCurrentStateTableIsADeltaTableAthenaReadsFromItsLog() {
    TableInput table = GlueTableInputs.deltaTable("cubic__ods_qlik__edw_sample__current",
        "s3a://lake/springboard/current/cubic/ods_qlik/EDW.SAMPLE",
        List.of(new LakeCatalog.Column("sample_id", "int"), new LakeCatalog.Column("_cdc_seq", "string")));
    assertEquals("cubic__ods_qlik__edw_sample__current", table.name());
    assertEquals("DELTA", table.parameters().get("table_type"));
    assertEquals("delta", table.parameters().get("spark.sql.sources.provider"));
    assertEquals("s3://lake/springboard/current/cubic/ods_qlik/EDW.SAMPLE", table.storageDescriptor().location());
    assertEquals(List.of("sample_id", "_cdc_seq"), table.storageDescriptor().columns().stream().map(Column::name).toList());
  }

  @Test
  void aTableGainsColumnsTakesWidenedTypesAndNeverLosesAColumn() {
    List<Column> have = List.of(GlueTableInputs.column("a", "int"), GlueTableInputs.column("b", "string"));
    assertEquals(List.of("a int", "b bigint", "c date"), GlueTableInputs.merged(have,
            List.of(new LakeCatalog.Column("B", "bigint"), new LakeCatalog.Column("c", "date"))).stream()
        .map(c -> c.name() + " " + c.type()).toList());
  }
}
