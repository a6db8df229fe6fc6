package io.tributary.storage;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * Local files through java.nio. Replacing is an atomic rename. (Hadoop's local file system starts a
 * {@code chmod} process for every file and directory it creates when its native library is missing,
 * which cost more than converting a small day file.)
 */
public final class LocalFileStore implements FileStore {
  public static Path path(String uri) {
    return Path.of(URI.create(uri));
  }

  @Override
  public InputStream open(String uri) throws IOException {
    try {
      return Files.newInputStream(path(uri));
    } catch (NoSuchFileException e) {
      throw new FileNotFoundException(uri);
    }
  }

  @Override
  public OutputStream create(String uri) throws IOException {
    Path path = path(uri);
    Files.createDirectories(path.getParent());
    return Files.newOutputStream(path);
  }

  @Override
  public boolean exists(String uri) {
    return Files.exists(path(uri));
  }

  @Override
  public void replace(String from, String to) throws IOException {
    Path target = path(to);
    Files.createDirectories(target.getParent());
    try {
      Files.move(path(from), target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(path(from), target, StandardCopyOption.REPLACE_EXISTING);
    }
  }

  @Override
  public void renameDirectory(String from, String to) throws IOException {
    Path target = path(to);
    Files.createDirectories(target.getParent());
    Files.move(path(from), target, StandardCopyOption.ATOMIC_MOVE);
  }

  @Override
  public boolean delete(String uri) throws IOException {
    return Files.deleteIfExists(path(uri));
  }

  @Override
  public void deleteTree(String uri) throws IOException {
    Path root = path(uri);
    if (!Files.exists(root)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(root)) {
      for (Path path : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(path);
      }
    }
  }

  @Override
  public List<Entry> list(String directoryUri) throws IOException {
    Path dir = path(directoryUri);
    List<Entry> entries = new ArrayList<>();
    if (!Files.isDirectory(dir)) {
      return entries;
    }
    try (DirectoryStream<Path> stream = Files.newDirectoryStream(dir)) {
      for (Path entry : stream) {
        boolean directory = Files.isDirectory(entry);
        entries.add(new Entry(entry.getFileName().toString(), directory, directory ? 0 : Files.size(entry)));
      }
    }
    entries.sort(Comparator.comparing(Entry::name));
    return entries;
  }
}
