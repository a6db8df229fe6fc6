package io.tributary.core.convert;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("fast")
class ConversionModelTest {
  static final Instant T = Instant.parse("2020-01-02T03:04:05Z");
  static final String METADATA = """
      {"type_map": {"release_date": "int", "target_start": "int", "target_end": "int", "node_name": "str", "lmp": "float"},
       "superkey": ["release_date", "target_start", "target_end", "node_name"], "value_key": ["lmp"],
       "tags": {"prices": {"time_zone": "UTC-5"}}}""";

  @Test
  void partitionsStartAtUtcBoundaries() {
    assertEquals(Instant.parse("2020-01-02T03:00:00Z"), PartitionSize.HOUR.start(T));
    assertEquals(Instant.parse("2020-01-02T00:00:00Z"), PartitionSize.DAY.start(T));
    assertEquals(Instant.parse("2020-01-01T00:00:00Z"), PartitionSize.MONTH.start(T));
    assertEquals(Instant.parse("2020-01-01T00:00:00Z"), PartitionSize.YEAR.start(T));
    assertEquals(Instant.parse("2020-02-01T00:00:00Z"), PartitionSize.MONTH.next(PartitionSize.MONTH.start(T)));
    assertEquals(Instant.parse("2021-01-01T00:00:00Z"), PartitionSize.YEAR.next(PartitionSize.YEAR.start(T)));
    assertEquals(Instant.parse("2020-03-01T00:00:00Z"), PartitionSize.MONTH.next(Instant.parse("2020-02-01T00:00:00Z")),
        "a leap February has 29 days");
  }

  @Test
  void athenaPathsGoDownToThePartitionSize() {
    assertEquals("year=2020/month=01/day=02/hour=03", PartitionSize.HOUR.athenaPath(T));
    assertEquals("year=2020/month=01/day=02", PartitionSize.DAY.athenaPath(T));
    assertEquals("year=2020/month=01", PartitionSize.MONTH.athenaPath(T));
    assertEquals("year=2020", PartitionSize.YEAR.athenaPath(T));
  }

  @Test
  void dataClientFilesAreNamedByTheUtcStartOfTheirPartition() {
    assertEquals("year=2020/1577934000.parquet.zst", PartitionSize.HOUR.dataClientFile(T, "parquet", "zst"));
    assertEquals("year=2020/1577923200.arrow.gz", PartitionSize.DAY.dataClientFile(T, "arrow", "gz"));
    assertEquals("year=2020/1577836800.parquet", PartitionSize.YEAR.dataClientFile(T, "parquet", ""));
    assertEquals("DAY", PartitionSize.DAY.metadataName());
    assertTrue(assertThrows(IllegalArgumentException.class, () -> PartitionSize.parse("week")).getMessage()
        .contains("hour, day, month, year"));
  }

  @Test
  void metadataParsesTypesKeysAndTags() {
    S3dbMetadata metadata = S3dbMetadata.parse("s3://src/caiso/prices/METADATA.json", METADATA, "target_start");

    assertEquals(List.of("release_date", "target_start", "target_end", "node_name", "lmp"),
        List.copyOf(metadata.typeMap().keySet()), "file order is column order");
    assertEquals(S3dbColumnType.FLOAT, metadata.typeMap().get("lmp"));
    assertEquals(List.of("lmp"), metadata.valueKey());
    assertEquals("UTC-5", metadata.tags().path("prices").path("time_zone").asText());
  }

  @Test
  void realMetadataWithListColumnsAndValueColumnsTheTypeMapOmitsIsRead() {
    // After DataClient.jl's datasoup fixture: list columns, a bool, and value_key columns type_map does not name.
    String datasoup = """
        {"tags": {"ercot-dam": {"time_zone": "America/Chicago"}},
         "type_map": {"target_start": "int", "target_end": "int", "resource_name": "str", "multi_hour": "bool",
                      "mw_blocks": "list", "release_date": "int"},
         "superkey": ["target_start", "target_end", "resource_name", "multi_hour", "release_date"],
         "value_key": ["block_indicator", "mw_blocks", "rrs_offer_curve"]}
        """;

    S3dbMetadata metadata = S3dbMetadata.parse("m", datasoup, "target_start");

    assertEquals(S3dbColumnType.LIST, metadata.typeMap().get("mw_blocks"));
    assertEquals(S3dbColumnType.STR, metadata.typeMap().get("block_indicator"), "kept, as text");
    assertEquals(S3dbColumnType.STR, metadata.typeMap().get("rrs_offer_curve"));
    assertEquals(List.of("block_indicator", "mw_blocks", "rrs_offer_curve"), metadata.valueKey());
  }

  @Test
  void badMetadataIsRejectedWithEveryProblemNamed() {
    String bad = METADATA.replace("\"lmp\": \"float\"", "\"lmp\": \"decimal\"").replace("\"target_start\": \"int\"",
        "\"target_start\": \"str\"");

    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> S3dbMetadata.parse("s3://src/d/METADATA.json", bad, "target_start"));

    assertTrue(e.getMessage().startsWith("s3://src/d/METADATA.json: "), e.getMessage());
    assertTrue(e.getMessage().contains("type_map.lmp: 'decimal' is not a type"), e.getMessage());
    assertTrue(e.getMessage().contains("type_map.target_start: the time index must be int"), e.getMessage());
    assertTrue(assertThrows(IllegalArgumentException.class, () -> S3dbMetadata.parse("m", "{", "t")).getMessage()
        .startsWith("m: not JSON"));
    assertTrue(assertThrows(IllegalArgumentException.class, () -> S3dbMetadata.parse("m", METADATA, "start"))
        .getMessage().contains("has no time index column 'start'"));
  }

  @Test
  void sourceObjectKeysAreCheckedAgainstTheirYearAndDay() {
    S3dbObject object = S3dbObject.parse("caiso/prices/year=2020/1577923200.csv.gz");

    assertEquals(new S3dbObject("caiso", "prices", Instant.parse("2020-01-02T00:00:00Z")), object);
    assertTrue(assertThrows(IllegalArgumentException.class,
        () -> S3dbObject.parse("caiso/prices/year=2020/1577923201.csv.gz")).getMessage().contains("not the start of a UTC day"));
    assertTrue(assertThrows(IllegalArgumentException.class,
        () -> S3dbObject.parse("caiso/prices/year=2019/1577923200.csv.gz")).getMessage().contains("is not in year=2019"));
    assertThrows(IllegalArgumentException.class, () -> S3dbObject.parse("caiso/prices/1577923200.csv"));
  }
}
