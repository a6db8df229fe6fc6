package io.tributary.convert;

import io.tributary.storage.FileStore;
import java.io.IOException;

/**
 * Moves finished files from a run's staging directory to their place, one whole file at a time: a reader
 * sees the old file or the new one, never a partial one (locally an atomic rename; on S3 a copy of a
 * complete object).
 */
final class StagedPublisher {
  private final FileStore store;

  StagedPublisher(FileStore store) {
    this.store = store;
  }

  /** Replaces {@code target} with {@code staged}; other files named {@code <siblingPrefix>*} beside it go. */
  void replace(String staged, String target, String siblingPrefix) throws IOException {
    store.replace(staged, target);
    removeSiblings(target, siblingPrefix);
  }

  /** Removes {@code target} (and its siblings) if present: the partition has no rows any more. */
  boolean remove(String target, String siblingPrefix) throws IOException {
    boolean removed = removeSiblings(target, siblingPrefix);
    return store.delete(target) || removed;
  }

  /** Deletes a run's staging directory. */
  void discard(String stagingRoot) throws IOException {
    store.deleteTree(stagingRoot);
  }

  private boolean removeSiblings(String target, String prefix) throws IOException {
    if (prefix == null) {
      return false;
    }
    int slash = target.lastIndexOf('/');
    String directory = target.substring(0, slash);
    String name = target.substring(slash + 1);
    boolean removed = false;
    for (FileStore.Entry sibling : store.list(directory)) {
      if (!sibling.directory() && sibling.name().startsWith(prefix) && !sibling.name().equals(name)) {
        removed |= store.delete(directory + "/" + sibling.name());
      }
    }
    return removed;
  }
}
