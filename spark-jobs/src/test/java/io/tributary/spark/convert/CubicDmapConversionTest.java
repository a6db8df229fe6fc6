package io.tributary.spark.convert;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tributary.convert.ConversionSummary;
import io.tributary.core.convert.Compression;
import io.tributary.core.convert.ConversionRequest;
import io.tributary.core.convert.ConversionTarget;
import io.tributary.core.convert.DatasetId;
import io.tributary.core.convert.DatasetSchema;
import io.tributary.core.convert.OutputFormat;
import io.tributary.core.convert.PartitionLayout;
import io.tributary.core.convert.PartitionSize;
import io.tributary.core.convert.SourceChanges;
import io.tributary.core.convert.SourceLayout;
import io.tributary.core.storage.StorageUri;
import io.tributary.spark.testing.TestSpark;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Cubic DMAP daily files (no METADATA.json, columns declared by the job) converted the same way. */
class CubicDmapConversionTest {
  private static final String SCHEMA = "station:str,taps:int,revenue:float";
  private static final Instant MARCH_4 = Instant.parse("2022-03-04T00:00:00Z");
  private static final Instant MARCH_5 = Instant.parse("2022-03-05T00:00:00Z");

  @TempDir
  Path temp;

  private ConversionRequest request(Path source, Path dest, ConversionTarget target) {
    return new ConversionRequest(StorageUri.parse(source.toUri().toString()), StorageUri.parse(dest.toUri().toString()),
        target, List.of(), Optional.empty(), ConversionRequest.DEFAULT_TIME_INDEX, SourceLayout.CUBIC_DMAP,
        Optional.of(DatasetSchema.declared(SCHEMA)));
  }

  @Test
  void dailyFilesConvertWithTheirDayAsTimeIndex() throws Exception {
    Path source = temp.resolve("cubic/dmap");
    Path dataset = Files.createDirectories(source.resolve("agg_sample"));
    Files.writeString(dataset.resolve("20220304.csv"), "revenue,station,taps\n"
        + "12.5,Alewife,100\n" + "7.25,\"Park St, Red\",250\n" + "n/a,Kendall,3\n");
    // As MBTA's fetcher names it: cubic/dmap/<type>/<dataset id>.csv.gz, the id ending in the day.
    try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(dataset.resolve("agg_sample_20220305.csv.gz")))) {
      out.write("station,taps,revenue\nAlewife,90,\n".getBytes(StandardCharsets.UTF_8));
    }
    Files.writeString(dataset.resolve("notes.txt"), "not a day file");
    Path dest = temp.resolve("lake");
    ConversionTarget monthly = new ConversionTarget(OutputFormat.PARQUET, Compression.ZST, PartitionLayout.DATACLIENT,
        PartitionSize.MONTH);

    ConversionSummary summary = new ConversionJob(TestSpark.get()).backfill(request(source, dest, monthly), "dmap");

    assertTrue(summary.succeeded(), summary.render());
    assertEquals(4, summary.rowsRead());
    assertEquals(3, summary.rowsWritten());
    assertEquals(1, summary.rowsRejected());
    assertTrue(summary.render().contains("not a day file, skipped: 'agg_sample/notes.txt'"), summary.render());
    Path file = dest.resolve("dmap/agg_sample/year=2022/1646092800.parquet.zst");
    assertEquals(List.of(
        Arrays.asList("Alewife", 100L, 12.5, MARCH_4.getEpochSecond()),
        Arrays.asList("Park St, Red", 250L, 7.25, MARCH_4.getEpochSecond()),
        Arrays.asList("Alewife", 90L, null, MARCH_5.getEpochSecond())), ConvertedFiles.read(file, monthly, temp));
    JsonNode metadata = new ObjectMapper().readTree(Files.readString(dest.resolve("dmap/agg_sample/METADATA.json")));
    assertEquals("file_day", metadata.at("/index/_attr/key").asText());
    assertEquals("[\"station\",\"taps\",\"revenue\",\"file_day\"]", metadata.get("column_order").toString());
    assertEquals("UTC", metadata.get("timezone").asText());
  }

  @Test
  void whatCannotWorkIsRefusedUpFront() {
    Path source = temp.resolve("dmap");
    ConversionTarget hourly = new ConversionTarget(OutputFormat.PARQUET, Compression.ZST, PartitionLayout.ATHENA,
        PartitionSize.HOUR);
    assertTrue(assertThrows(IllegalArgumentException.class, () -> request(source, temp.resolve("out"), hourly))
        .getMessage().contains("hour partitions would put every row in hour 00"));
    ConversionTarget daily = new ConversionTarget(OutputFormat.PARQUET, Compression.ZST, PartitionLayout.ATHENA,
        PartitionSize.DAY);
    assertTrue(assertThrows(IllegalArgumentException.class, () -> new ConversionRequest(
        StorageUri.parse(source.toUri().toString()), StorageUri.parse(temp.resolve("out").toUri().toString()), daily,
        List.of(), Optional.empty(), "target_start", SourceLayout.CUBIC_DMAP, Optional.empty()))
        .getMessage().contains("needs its columns declared"));
    assertTrue(assertThrows(IllegalArgumentException.class, () -> DatasetSchema.declared("station:text"))
        .getMessage().contains("'text' of column 'station' is not int, float, str or bool"));
  }

  @Test
  void aNewDailyFileIsALiveFillOfItsDay() {
    StorageUri root = StorageUri.parse("s3://incoming/cubic/dmap");
    SourceChanges changes = SourceChanges.of(root, SourceLayout.CUBIC_DMAP, List.of(
        "s3://incoming/cubic/dmap/agg_sample/20220304.csv", "s3://incoming/cubic/dmap/agg_sample/2022-03-04.csv",
        "s3://incoming/cubic/dmap/agg_sample/agg_sample_20220305.csv.gz"));
    assertEquals(List.of(MARCH_4, MARCH_5), List.copyOf(changes.changedDays().get(new DatasetId("dmap", "agg_sample"))));
    assertEquals(1, changes.ignored().size(), changes.ignored().toString());
  }
}
