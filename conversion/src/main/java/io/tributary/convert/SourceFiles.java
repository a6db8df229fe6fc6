package io.tributary.convert;

import io.tributary.core.convert.DatasetId;
import io.tributary.core.convert.S3dbMetadata;
import io.tributary.core.convert.SourceLayout;
import io.tributary.core.storage.StorageUri;
import io.tributary.storage.FileStore;
import io.tributary.storage.Storage;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Lists a conversion's source through its file store (file:, s3a:): its datasets and their day files, as
 * its {@link SourceLayout} places them.
 */
final class SourceFiles {
  private final StorageUri root;
  private final SourceLayout layout;
  private final FileStore store;

  SourceFiles(StorageUri root, SourceLayout layout, Storage storage) {
    this.root = root;
    this.layout = layout;
    this.store = storage.store(root.toString());
  }

  /** Every dataset below the root, skipping {@code _} and {@code .} names. */
  List<DatasetId> datasets() throws IOException {
    List<DatasetId> datasets = new ArrayList<>();
    if (layout == SourceLayout.S3DB) {
      for (String collection : directories(root.toString())) {
        for (String dataset : directories(root.resolve(collection))) {
          datasets.add(new DatasetId(collection, dataset));
        }
      }
    } else {
      for (String name : directories(root.toString())) {
        datasets.add(layout.dayFile(name + "/19700101.csv").dataset());
      }
    }
    return datasets;
  }

  /** The dataset's directory. */
  String datasetDirectory(DatasetId dataset) {
    return root.resolve(layout.datasetDirectory(dataset));
  }

  /** An S3DB dataset's METADATA.json; throws IOException naming the file when it is missing or unreadable. */
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
    Map<Instant, String> files = new TreeMap<>();
    List<String> ignored = new ArrayList<>();
    List<String> relativeFiles = new ArrayList<>();
    if (layout == SourceLayout.S3DB) {
      for (String year : directories(dir)) {
        for (FileStore.Entry file : store.list(dir + "/" + year)) {
          if (!file.directory()) {
            relativeFiles.add(year + "/" + file.name());
          }
        }
      }
    } else {
      for (FileStore.Entry file : store.list(dir)) {
        if (!file.directory()) {
          relativeFiles.add(file.name());
        }
      }
    }
    for (String relative : relativeFiles) {
      String name = relative.substring(relative.lastIndexOf('/') + 1);
      if (name.startsWith(".") || name.startsWith("_") || name.endsWith(".crc") || name.equals(ConversionLayout.METADATA)) {
        continue;
      }
      try {
        Instant day = layout.dayFile(layout.datasetDirectory(dataset) + "/" + relative).day();
        String earlier = files.put(day, relative);
        if (earlier != null) {
          ignored.add(relative + ": a second file of day " + day + " (beside " + earlier + ")");
        }
      } catch (IllegalArgumentException e) {
        ignored.add(e.getMessage());
      }
    }
    return new DayFiles(files, ignored);
  }

  /** A dataset's day files (day → path relative to the dataset directory), and why other names were skipped. */
  record DayFiles(Map<Instant, String> files, List<String> ignored) {
    List<Instant> days() {
      return new ArrayList<>(files.keySet());
    }
  }

  private List<String> directories(String dir) throws IOException {
    return store.list(dir).stream()
        .filter(e -> e.directory() && !e.name().startsWith("_") && !e.name().startsWith("."))
        .map(FileStore.Entry::name).toList();
  }
}
