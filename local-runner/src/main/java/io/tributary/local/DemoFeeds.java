package io.tributary.local;

import io.tributary.convert.S3dbSampleData;
import io.tributary.core.config.JobConfig;
import io.tributary.core.config.JobKind;
import io.tributary.core.convert.DatasetId;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * S3DB sample feeds for the demo's convert jobs: every dataset they name (or {@code caiso/prices}), one
 * day file per demo day, and one malformed row in the first day so the demo shows a rejection report.
 */
final class DemoFeeds {
  private static final int NODES = 50;

  private DemoFeeds() {}

  /** Writes the day file of {@code day} of {@code dataset} below {@code root}, as the feed's days are; returns it. */
  static Path writeDay(Path root, DatasetId dataset, Instant day) throws IOException {
    return new S3dbSampleData(root, NODES, 1).writeDay(dataset.collection(), dataset.dataset(), day);
  }

  static void write(Path root, List<JobConfig> jobs, Instant firstDay, int days) throws IOException {
    Set<DatasetId> datasets = new LinkedHashSet<>();
    for (JobConfig job : jobs) {
      if (job.kind() == JobKind.CONVERT) {
        datasets.addAll(job.conversion().datasets().isEmpty()
            ? List.of(DatasetId.parse("caiso/prices")) : job.conversion().datasets());
      }
    }
    S3dbSampleData sample = new S3dbSampleData(root, NODES, 1);
    for (DatasetId dataset : datasets) {
      sample.writeMetadata(dataset.collection(), dataset.dataset());
      for (int d = 0; d < days; d++) {
        sample.writeDay(dataset.collection(), dataset.dataset(), firstDay.plusSeconds(86_400L * d));
      }
      Path first = sample.dayFile(dataset.collection(), dataset.dataset(), firstDay);
      String text;
      try (var in = new GZIPInputStream(Files.newInputStream(first))) {
        text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      }
      try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(first))) {
        out.write((text + "1541030400,not-a-time," + "1541034000,NODE_X,1.0,true\n").getBytes(StandardCharsets.UTF_8));
      }
    }
  }
}
