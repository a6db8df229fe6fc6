package io.tributary.convert;

import io.tributary.storage.FileStore;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Who a run's staging directory belongs to ({@code _owner}: host, pid, start), so that a later run can remove
 * the staging of runs that can no longer be alive: on this host, a process that has ended; elsewhere, a run
 * started more than {@link #MAX_AGE} ago (a run's window lease is 6 hours). Staging without an owner file
 * predates it and is removed once old enough too.
 */
final class StagingOwner {
  static final String FILE = "_owner";
  static final Duration MAX_AGE = Duration.ofHours(24);

  private StagingOwner() {}

  /** Writes this process as the owner of {@code staging}. */
  static void claim(FileStore store, String staging, Instant now) throws IOException {
    store.writeText(staging + "/" + FILE, "host=" + host() + "\npid=" + ProcessHandle.current().pid()
        + "\nstarted=" + now + "\n");
  }

  /** Removes the staging of other runs below {@code stagingParent} that can no longer be alive; returns their ids. */
  static List<String> removeDead(FileStore store, String stagingParent, String runId, Instant now) throws IOException {
    List<String> removed = new ArrayList<>();
    for (FileStore.Entry entry : store.list(stagingParent)) {
      if (!entry.directory() || entry.name().equals(runId)) {
        continue;
      }
      String staging = stagingParent + "/" + entry.name();
      if (!alive(read(store, staging + "/" + FILE), now)) {
        store.deleteTree(staging);
        removed.add(entry.name());
      }
    }
    return removed;
  }

  private static boolean alive(Optional<String> owner, Instant now) {
    if (owner.isEmpty()) {
      return false;
    }
    String host = field(owner.get(), "host");
    Instant started = Instant.parse(field(owner.get(), "started"));
    if (host.equals(host())) {
      return ProcessHandle.of(Long.parseLong(field(owner.get(), "pid"))).map(ProcessHandle::isAlive).orElse(false);
    }
    return Duration.between(started, now).compareTo(MAX_AGE) < 0;
  }

  private static String field(String text, String name) {
    return text.lines().filter(l -> l.startsWith(name + "=")).findFirst().map(l -> l.substring(name.length() + 1))
        .orElse("");
  }

  private static Optional<String> read(FileStore store, String uri) throws IOException {
    if (!store.exists(uri)) {
      return Optional.empty();
    }
    try (InputStream in = store.open(uri)) {
      return Optional.of(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    }
  }

  private static String host() {
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (IOException e) {
      return "unknown";
    }
  }
}
