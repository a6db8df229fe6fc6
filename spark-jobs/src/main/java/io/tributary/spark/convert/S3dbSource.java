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
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/** Lists an S3DB source through Hadoop's file systems (file:, s3a:): its datasets and their day files. */
final class S3dbSource {
  private final StorageUri root;
  private final Configuration conf;

  S3dbSource(StorageUri root, Configuration conf) {
    this.root = root;
    this.conf = conf;
  }

  /** Every {@code <collection>/<dataset>} directory below the root, skipping {@code _} and {@code .} names. */
  List<DatasetId> datasets() throws IOException {
    Path rootPath = new Path(root.toString());
    FileSystem fs = rootPath.getFileSystem(conf);
    List<DatasetId> datasets = new ArrayList<>();
    for (FileStatus collection : listDirectories(fs, rootPath)) {
      for (FileStatus dataset : listDirectories(fs, collection.getPath())) {
        datasets.add(new DatasetId(collection.getPath().getName(), dataset.getPath().getName()));
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
    Path path = new Path(datasetDirectory(dataset) + "/" + ConversionLayout.METADATA);
    FileSystem fs = path.getFileSystem(conf);
    String json;
    try (InputStream in = fs.open(path)) {
      json = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (FileNotFoundException e) {
      throw new IOException(path + ": missing; every S3DB dataset needs its METADATA.json (type_map, superkey, value_key)");
    }
    try {
      return S3dbMetadata.parse(path.toString(), json, timeIndexColumn);
    } catch (IllegalArgumentException e) {
      throw new IOException(e.getMessage(), e);
    }
  }

  /** The day files of a dataset and the names below it that are not day files (reported, not read). */
  DayFiles dayFiles(DatasetId dataset) throws IOException {
    Path dir = new Path(datasetDirectory(dataset));
    FileSystem fs = dir.getFileSystem(conf);
    List<Instant> days = new ArrayList<>();
    List<String> ignored = new ArrayList<>();
    for (FileStatus year : listDirectories(fs, dir)) {
      for (FileStatus file : fs.listStatus(year.getPath())) {
        String name = file.getPath().getName();
        if (name.startsWith(".") || name.startsWith("_") || name.endsWith(".crc")) {
          continue;
        }
        String key = dataset.path() + "/" + year.getPath().getName() + "/" + name;
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

  private static List<FileStatus> listDirectories(FileSystem fs, Path dir) throws IOException {
    List<FileStatus> directories = new ArrayList<>();
    for (FileStatus status : fs.listStatus(dir)) {
      String name = status.getPath().getName();
      if (status.isDirectory() && !name.startsWith("_") && !name.startsWith(".")) {
        directories.add(status);
      }
    }
    directories.sort(java.util.Comparator.comparing(s -> s.getPath().getName()));
    return directories;
  }
}
