package io.tributary.livefill;

import io.tributary.storage.FileStore;
import java.io.FileNotFoundException;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CommonPrefix;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.ObjectIdentifier;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * S3 through the AWS SDK, for {@code s3://} and {@code s3a://} URIs: the live-fill function's store, without
 * Hadoop's S3A and the SDK v1 bundle it needs. A file being written goes to a local temporary file and is put
 * whole when closed; a replace is a server-side copy over the target, then a delete, so readers see the old
 * object or the new one.
 */
public final class S3FileStore implements FileStore {
  /** Objects deleted per DeleteObjects request, S3's maximum. */
  private static final int DELETE_BATCH = 1000;

  private final S3Client s3;
  private final Path spool;
  private final boolean multiObjectDelete;

  /**
   * Over {@code s3}; files being written wait in {@code spool} (a function's /tmp) until closed. Without
   * {@code multiObjectDelete} objects are deleted one request each, for S3-compatible servers that lack
   * DeleteObjects (as S3A's {@code fs.s3a.multiobjectdelete.enable}).
   */
  public S3FileStore(S3Client s3, Path spool, boolean multiObjectDelete) {
    this.s3 = s3;
    this.spool = spool;
    this.multiObjectDelete = multiObjectDelete;
  }

  /** A bucket and key, parsed from an {@code s3://bucket/key} URI. */
  record Location(String bucket, String key) {
    static Location of(String uri) {
      URI parsed = URI.create(uri);
      if (!"s3".equals(parsed.getScheme()) && !"s3a".equals(parsed.getScheme())) {
        throw new IllegalArgumentException("not an s3:// URI: " + uri);
      }
      String path = parsed.getPath();
      return new Location(parsed.getHost(), path.startsWith("/") ? path.substring(1) : path);
    }

    /** The key as a directory prefix: ending in one slash, empty for the bucket's root. */
    String prefix() {
      return key.isEmpty() || key.endsWith("/") ? key : key + "/";
    }
  }

  @Override
  public InputStream open(String uri) throws IOException {
    Location at = Location.of(uri);
    try {
      return s3.getObject(b -> b.bucket(at.bucket()).key(at.key()));
    } catch (NoSuchKeyException e) {
      throw (FileNotFoundException) new FileNotFoundException(uri).initCause(e);
    }
  }

  @Override
  public OutputStream create(String uri) throws IOException {
    Location at = Location.of(uri);
    Path file = Files.createTempFile(spool, "put-", ".part");
    return new FilterOutputStream(Files.newOutputStream(file)) {
      private boolean closed;

      @Override
      public void write(byte[] bytes, int offset, int length) throws IOException {
        out.write(bytes, offset, length);
      }

      @Override
      public void close() throws IOException {
        if (closed) {
          return;
        }
        closed = true;
        try {
          super.close();
          s3.putObject(b -> b.bucket(at.bucket()).key(at.key()), RequestBody.fromFile(file));
        } finally {
          Files.deleteIfExists(file);
        }
      }
    };
  }

  @Override
  public boolean exists(String uri) {
    Location at = Location.of(uri);
    try {
      s3.headObject(b -> b.bucket(at.bucket()).key(at.key()));
      return true;
    } catch (NoSuchKeyException e) {
      return false;
    } catch (S3Exception e) {
      if (e.statusCode() == 404) {
        return false;
      }
      throw e;
    }
  }

  @Override
  public void replace(String from, String to) {
    Location source = Location.of(from);
    Location target = Location.of(to);
    s3.copyObject(b -> b.sourceBucket(source.bucket()).sourceKey(source.key())
        .destinationBucket(target.bucket()).destinationKey(target.key()));
    s3.deleteObject(b -> b.bucket(source.bucket()).key(source.key()));
  }

  @Override
  public void renameDirectory(String from, String to) {
    Location source = Location.of(from);
    Location target = Location.of(to);
    List<String> keys = keysBelow(source);
    for (String key : keys) {
      String moved = target.prefix() + key.substring(source.prefix().length());
      s3.copyObject(b -> b.sourceBucket(source.bucket()).sourceKey(key)
          .destinationBucket(target.bucket()).destinationKey(moved));
    }
    deleteKeys(source.bucket(), keys);
  }

  @Override
  public boolean delete(String uri) {
    if (!exists(uri)) {
      return false;
    }
    Location at = Location.of(uri);
    s3.deleteObject(b -> b.bucket(at.bucket()).key(at.key()));
    return true;
  }

  @Override
  public void deleteTree(String uri) {
    Location at = Location.of(uri);
    deleteKeys(at.bucket(), keysBelow(at));
  }

  @Override
  public List<Entry> list(String directoryUri) {
    Location at = Location.of(directoryUri);
    String prefix = at.prefix();
    List<Entry> entries = new ArrayList<>();
    for (var page : s3.listObjectsV2Paginator(b -> b.bucket(at.bucket()).prefix(prefix).delimiter("/"))) {
      for (CommonPrefix directory : page.commonPrefixes()) {
        String name = directory.prefix().substring(prefix.length());
        entries.add(new Entry(name.substring(0, name.length() - 1), true, 0));
      }
      for (S3Object object : page.contents()) {
        String name = object.key().substring(prefix.length());
        if (!name.isEmpty()) { // a directory marker
          entries.add(new Entry(name, false, object.size()));
        }
      }
    }
    entries.sort(Comparator.comparing(Entry::name));
    return entries;
  }

  private List<String> keysBelow(Location at) {
    List<String> keys = new ArrayList<>();
    for (var page : s3.listObjectsV2Paginator(b -> b.bucket(at.bucket()).prefix(at.prefix()))) {
      page.contents().forEach(object -> keys.add(object.key()));
    }
    return keys;
  }

  private void deleteKeys(String bucket, List<String> keys) {
    if (!multiObjectDelete) {
      keys.forEach(key -> s3.deleteObject(b -> b.bucket(bucket).key(key)));
      return;
    }
    for (int from = 0; from < keys.size(); from += DELETE_BATCH) {
      List<ObjectIdentifier> batch = keys.subList(from, Math.min(keys.size(), from + DELETE_BATCH)).stream()
          .map(key -> ObjectIdentifier.builder().key(key).build()).toList();
      s3.deleteObjects(b -> b.bucket(bucket).delete(d -> d.objects(batch).quiet(true)));
    }
  }
}
