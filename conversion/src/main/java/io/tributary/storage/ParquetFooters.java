package io.tributary.storage;

import java.io.IOException;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.util.HadoopInputFile;

/**
 * What a directory of Parquet files holds, read from the files' footers alone (no rows read, no Spark job):
 * the data files are every entry not starting with {@code _} or {@code .} (Spark's markers, checksums).
 */
public final class ParquetFooters {
  private ParquetFooters() {}

  /** The files, rows and bytes in {@code directory} (all zero when it does not exist). */
  public static Contents of(FileStore store, String directory, Configuration conf) throws IOException {
    long rows = 0;
    long bytes = 0;
    int files = 0;
    for (FileStore.Entry file : store.list(directory)) {
      String name = file.name();
      if (!file.directory() && !name.startsWith("_") && !name.startsWith(".")) {
        try (ParquetFileReader reader = ParquetFileReader.open(
            HadoopInputFile.fromPath(new Path(directory + "/" + name), conf))) {
          rows += reader.getRecordCount();
        }
        bytes += file.size();
        files++;
      }
    }
    return new Contents(files, rows, bytes);
  }

  /** A directory's data files, their rows and bytes. */
  public record Contents(int files, long rows, long bytes) {}
}
