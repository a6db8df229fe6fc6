package io.tributary.spark.state;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.hadoop.fs.Path;
import org.apache.spark.paths.SparkPath;
import org.apache.spark.sql.api.java.UDF2;
import org.apache.spark.sql.delta.DeltaLog;
import org.apache.spark.sql.delta.actions.AddFile;
import org.apache.spark.sql.delta.actions.DeletionVectorDescriptor;
import org.apache.spark.sql.delta.actions.DeletionVectorDescriptor$;
import org.apache.spark.sql.delta.actions.FileAction;
import org.apache.spark.sql.delta.actions.RemoveFile;
import org.apache.spark.sql.delta.commands.DeletionVectorWriter$;
import org.apache.spark.sql.delta.deletionvectors.RoaringBitmapArray;
import org.apache.spark.sql.delta.deletionvectors.RoaringBitmapArrayFormat$;
import org.apache.spark.sql.delta.deletionvectors.StoredBitmap$;
import org.apache.spark.sql.delta.storage.dv.DeletionVectorStore;
import org.apache.spark.sql.delta.storage.dv.DeletionVectorStore$;
import org.apache.spark.sql.delta.storage.dv.DeletionVectorStoreUtils;
import org.apache.spark.sql.delta.util.DeltaFileOperations$;
import scala.Option;
import scala.Tuple2;

/**
 * The deletion vectors of a Delta table's files at one snapshot, by each file's path as Spark's {@code
 * _metadata.file_path} gives it: which physical rows are already deleted, and new vectors that mark more rows,
 * written to one file as the file entries of a commit.
 */
final class DeletionVectors {
  private final DeltaLog log;
  private final Map<String, AddFile> files = new LinkedHashMap<>();
  /** The current vectors, serialized in Delta's portable format, of the files that have one. */
  private final HashMap<String, byte[]> deleted = new HashMap<>();

  DeletionVectors(DeltaLog log, List<AddFile> entries) {
    this.log = log;
    DeletionVectorStore store = DeletionVectorStore$.MODULE$.createInstance(log.newDeltaHadoopConf());
    for (AddFile entry : entries) {
      String name = SparkPath.fromPath(location(entry)).urlEncoded();
      files.put(name, entry);
      if (entry.deletionVector() != null) {
        deleted.put(name, StoredBitmap$.MODULE$
            .create(entry.deletionVector(), log.dataPath()).load(store)
            .serializeAsByteArray(RoaringBitmapArrayFormat$.MODULE$.Portable()));
      }
    }
  }

  /** The files' locations, to read them as Parquet. */
  List<String> locations() {
    return files.values().stream().map(entry -> location(entry).toString()).toList();
  }

  /** Whether any file has rows deleted already. */
  boolean any() {
    return !deleted.isEmpty();
  }

  /** A test of a file's physical row: true where no vector marks it deleted. */
  UDF2<String, Long, Boolean> live() {
    return new LiveRow(deleted);
  }

  /**
   * Marks {@code rows} (row indexes by file) deleted: each file's vector is its current one plus those rows, all
   * written to one new vector file; a file all of whose rows are then deleted is removed instead. Returns the
   * files' new entries and removals.
   */
  List<FileAction> mark(Map<String, long[]> rows) {
    List<FileAction> actions = new ArrayList<>();
    long now = System.currentTimeMillis();
    DeletionVectorStore store = DeletionVectorStore$.MODULE$.createInstance(log.newDeltaHadoopConf());
    DeletionVectorStoreUtils.Writer writer = null;
    UUID id = null;
    try {
      for (Map.Entry<String, long[]> file : rows.entrySet()) {
        AddFile entry = files.get(file.getKey());
        if (entry == null) {
          throw new IllegalStateException("row of " + file.getKey() + ", not a file of " + log.dataPath());
        }
        byte[] current = deleted.get(file.getKey());
        RoaringBitmapArray vector = current == null ? new RoaringBitmapArray() : RoaringBitmapArray.readFrom(current);
        for (long row : file.getValue()) {
          vector.add(row);
        }
        if (entry.numPhysicalRecords().isDefined()
            && vector.cardinality() == (Long) entry.numPhysicalRecords().get()) {
          actions.add(entry.removeWithTimestamp(now, true));
          continue;
        }
        if (writer == null) {
          Tuple2<DeletionVectorStoreUtils.Writer, UUID> created = DeletionVectorWriter$.MODULE$.createWriter(store,
              store.pathWithFileSystem(log.dataPath()), "");
          writer = created._1();
          id = created._2();
        }
        byte[] bytes = vector.serializeAsByteArray(RoaringBitmapArrayFormat$.MODULE$.Portable());
        DeletionVectorDescriptor descriptor = DeletionVectorDescriptor$.MODULE$.onDiskWithRelativePath(id, "",
            bytes.length, vector.cardinality(), Option.apply(writer.write(bytes).offset()), Option.empty());
        // The entry carries its statistics; with rows marked its bounds are no longer tight.
        Tuple2<AddFile, RemoveFile> replaced = entry.removeRows(descriptor, true, true);
        actions.add(replaced._1());
        actions.add(replaced._2());
      }
    } finally {
      if (writer != null) {
        writer.close();
      }
    }
    return actions;
  }

  private Path location(AddFile entry) {
    return DeltaFileOperations$.MODULE$.absolutePath(log.dataPath().toString(), entry.path());
  }

  /** Whether a physical row is live, each file's vector read once per task. */
  private static final class LiveRow implements UDF2<String, Long, Boolean>, Serializable {
    private final HashMap<String, byte[]> deleted;
    private transient Map<String, RoaringBitmapArray> read;

    LiveRow(HashMap<String, byte[]> deleted) {
      this.deleted = deleted;
    }

    @Override
    public Boolean call(String file, Long row) {
      if (read == null) {
        read = new HashMap<>();
      }
      byte[] vector = deleted.get(file);
      return vector == null || !read.computeIfAbsent(file, f -> RoaringBitmapArray.readFrom(vector)).contains(row);
    }
  }
}
