package io.tributary.storage;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * Any Hadoop file system (s3a: on EMR and against a local S3 server). On S3 a replace is a copy of a
 * complete object then a delete, so readers never see a partial file.
 */
public final class HadoopFileStore implements FileStore {
  private final Configuration conf;

  public HadoopFileStore(Configuration conf) {
    this.conf = conf;
  }

  private FileSystem fs(Path path) throws IOException {
    return path.getFileSystem(conf);
  }

  @Override
  public InputStream open(String uri) throws IOException {
    Path path = new Path(uri);
    return fs(path).open(path);
  }

  @Override
  public OutputStream create(String uri) throws IOException {
    Path path = new Path(uri);
    return fs(path).create(path, true, 1 << 16);
  }

  @Override
  public boolean exists(String uri) throws IOException {
    Path path = new Path(uri);
    return fs(path).exists(path);
  }

  @Override
  public void replace(String from, String to) throws IOException {
    Path source = new Path(from);
    Path target = new Path(to);
    FileSystem fs = fs(target);
    fs.mkdirs(target.getParent());
    fs.delete(target, false);
    if (!fs.rename(source, target)) {
      throw new IOException("could not move " + from + " to " + to);
    }
  }

  @Override
  public void renameDirectory(String from, String to) throws IOException {
    Path target = new Path(to);
    FileSystem fs = fs(target);
    fs.mkdirs(target.getParent());
    if (!fs.rename(new Path(from), target)) {
      throw new IOException("could not move " + from + " to " + to);
    }
  }

  @Override
  public boolean delete(String uri) throws IOException {
    Path path = new Path(uri);
    return fs(path).delete(path, false);
  }

  @Override
  public void deleteTree(String uri) throws IOException {
    Path path = new Path(uri);
    fs(path).delete(path, true);
  }

  @Override
  public List<Entry> list(String directoryUri) throws IOException {
    Path dir = new Path(directoryUri);
    List<Entry> entries = new ArrayList<>();
    try {
      for (FileStatus status : fs(dir).listStatus(dir)) {
        entries.add(new Entry(status.getPath().getName(), status.isDirectory(), status.getLen()));
      }
    } catch (FileNotFoundException e) {
      return entries;
    }
    entries.sort(Comparator.comparing(Entry::name));
    return entries;
  }
}
