package io.tributary.spark.convert;

import io.tributary.core.convert.DatasetId;
import io.tributary.core.convert.S3dbMetadata;
import io.tributary.core.convert.S3dbObject;
import io.tributary.core.convert.StorageUri;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.conf.Configuration;

/** Lists an S3DB source through Hadoop's file systems (file:, s3a:): its datasets and their day files. */
final class S3dbSource {
  private final StorageUri root;
  private final FileStore store;

  S3dbSource(StorageUri root, Configuration conf) {
    this.root = root;
    this.store = FileStores.of(root.toString(), conf);
  }

  /** Every {@code <collection>/<dataset>} directory below the root, skipping {@code _} and {@code .} names. */
  List<DatasetId> datasets() throws IOException {
    List<DatasetId> datasets = new ArrayList<>();
    for (String collection : directories(root.toString())) {
      for (String dataset : directories(root.resolve(collection))) {
        datasets.add(new DatasetId(collection, dataset));
      }
    }
    return datasets;
  }

  /** The dataset's directory. */
  String datasetDirectory(DatasetId dataset) {
    return root.resolve(dataset.path());
  }

  /** The dataset's METADATA.json; throws IOException naming the file when it is missing or unreadable. */
  S3dbMetadata metadata(DatasetId dataset, String timeIndexColumn) throws IOException {
    String path = datasetDirectory(dataset) + "/" + ConversionLayout.METADATA;
    String json;
    try (InputStream in = store.open(path)) {
      json = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (FileNotFoundException e) {
      throw new IOException(path + ": missing; every S3DB dataset needs its METADATA.json (type_map, superkey, value_key)");
    }
    try {
      return S3dbMetadata.parse(path, json, timeIndexColumn);
    } catch (IllegalArgumentException e) {
      throw new IOException(e.getMessage(), e);
    }
  }

  /** The day files of a dataset and the names below it that are not day files (reported, not read). */
  DayFiles dayFiles(DatasetId dataset) throws IOException {
    String dir = datasetDirectory(dataset);
    List<Instant> days = new ArrayList<>();
    List<String> ignored = new ArrayList<>();
    for (String year : directories(dir)) {
      for (FileStore.Entry file : store.list(dir + "/" + year)) {
        String name = file.name();
        if (file.directory() || name.startsWith(".") || name.startsWith("_") || name.endsWith(".crc")) {
          continue;
        }
        String key = dataset.path() + "/" + year + "/" + name;
        try {
          days.add(S3dbObject.parse(key).dayStart());
        } catch (IllegalArgumentException e) {
          ignored.add(e.getMessage());
        }
      }
    }
    return new DayFiles(days, ignored);
  }

  /** A dataset's day starts, and why other names were skipped. */
  record DayFiles(List<Instant> days, List<String> ignored) {}

  private List<String> directories(String dir) throws IOException {
    return store.list(dir).stream()
        .filter(e -> e.directory() && !e.name().startsWith("_") && !e.name().startsWith("."))
        .map(FileStore.Entry::name).toList();
  }
}
