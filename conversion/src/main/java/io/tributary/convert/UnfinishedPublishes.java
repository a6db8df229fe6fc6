package io.tributary.convert;

import io.tributary.storage.FileStore;
import io.tributary.storage.FileStores;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.conf.Configuration;

/** The datasets of a conversion destination whose last publish did not finish, each as one line for a person. */
public final class UnfinishedPublishes {
  private UnfinishedPublishes() {}

  /** One line per dataset below {@code destination} holding a publish marker. */
  public static List<String> below(String destination, Configuration conf) throws IOException {
    FileStore store = FileStores.of(destination, conf);
    List<String> lines = new ArrayList<>();
    for (FileStore.Entry collection : store.list(destination)) {
      if (!collection.directory() || collection.name().startsWith("_")) {
        continue;
      }
      for (FileStore.Entry dataset : store.list(destination + "/" + collection.name())) {
        String path = destination + "/" + collection.name() + "/" + dataset.name();
        if (dataset.directory()) {
          PublishMarker.read(store, path).ifPresent(marker -> lines.add(collection.name() + "/" + dataset.name()
              + ": the publish of run " + marker.runId() + " did not finish; units that may be stale or missing: "
              + marker.units() + " (rewrite them: convert --from/--to, or a back-fill)"));
        }
      }
    }
    return lines;
  }
}
