package io.tributary.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * One process at a time on a state directory: its DynamoDB Local files are not made to be shared (two
 * processes ran a window twice and lost a history item). The lock is an OS file lock on
 * {@code <state>/tributary.lock}, released when the process ends however it ends; the file names the holder.
 */
final class StateDirectoryLock implements AutoCloseable {
  /** The lock file's name in the state directory. */
  static final String FILE = "tributary.lock";
  private final FileChannel channel;
  private final FileLock lock;

  private StateDirectoryLock(FileChannel channel, FileLock lock) {
    this.channel = channel;
    this.lock = lock;
  }

  /** Takes the lock; throws IllegalStateException naming the process that holds it. */
  static StateDirectoryLock acquire(Path stateDirectory) {
    try {
      Files.createDirectories(stateDirectory);
      Path file = stateDirectory.resolve(FILE);
      FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
          StandardOpenOption.WRITE);
      FileLock lock;
      try {
        lock = channel.tryLock();
      } catch (OverlappingFileLockException e) {
        lock = null;
      }
      if (lock == null) {
        String holder = Files.readString(file, StandardCharsets.UTF_8).strip();
        channel.close();
        throw new IllegalStateException("state directory " + stateDirectory + " is in use by "
            + (holder.isEmpty() ? "another process" : holder) + "; wait for it to finish, or use another --state");
      }
      channel.truncate(0);
      channel.write(ByteBuffer.wrap(("pid " + ProcessHandle.current().pid()).getBytes(StandardCharsets.UTF_8)), 0);
      return new StateDirectoryLock(channel, lock);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot lock state directory " + stateDirectory, e);
    }
  }

  @Override
  public void close() {
    try {
      lock.release();
      channel.close();
    } catch (IOException e) {
      // the process is ending the lock's use; the OS releases it with the process anyway
    }
  }
}
