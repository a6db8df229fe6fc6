package io.tributary.spark.cubic;

import io.tributary.core.kind.cubic.CubicLoad;
import io.tributary.core.kind.cubic.FeedKind;
import io.tributary.core.kind.cubic.IncomingKey;
import io.tributary.storage.FileStore;
import io.tributary.storage.FileStores;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.BiFunction;
import org.apache.hadoop.conf.Configuration;

/**
 * Moves a finished load's file (and an ODS file's dfm) out of the incoming prefix: to the archive or the error
 * prefix. A move done before a crash is not done twice: a file already gone from incoming but present at its
 * destination counts as moved. Within one bucket a move is a rename; across buckets a copy, then a delete.
 */
public final class LoadFiles {
  private final CubicPaths paths;
  private final Configuration conf;

  public LoadFiles(CubicPaths paths, Configuration conf) {
    this.paths = paths;
    this.conf = conf;
  }

  /** Moves the load's files to the archive. */
  public void archive(CubicLoad load) throws IOException {
    move(load, paths::archive);
  }

  /** Moves the load's files to the error prefix. */
  public void error(CubicLoad load) throws IOException {
    move(load, paths::error);
  }

  private void move(CubicLoad load, BiFunction<CubicLoad, String, String> destination) throws IOException {
    IncomingKey key = load.incomingKey();
    List<String> keys = new ArrayList<>(List.of(key.key()));
    if (key.feed() == FeedKind.ODS) {
      keys.add(key.dfmKey());
    }
    for (String each : keys) {
      String from = paths.incoming(each);
      String to = destination.apply(load, each.substring(each.lastIndexOf('/') + 1));
      FileStore source = FileStores.of(from, conf);
      if (!source.exists(from)) {
        continue; // moved before a crash, or a dfm that never came
      }
      if (sameBucket(from, to)) {
        source.replace(from, to);
      } else {
        FileStore target = FileStores.of(to, conf);
        try (InputStream in = source.open(from); OutputStream out = target.create(to)) {
          in.transferTo(out);
        }
        source.delete(from);
      }
    }
  }

  private static boolean sameBucket(String a, String b) {
    URI x = URI.create(a);
    URI y = URI.create(b);
    return Objects.equals(x.getScheme(), y.getScheme()) && Objects.equals(x.getHost(), y.getHost());
  }
}
