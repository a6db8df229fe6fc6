package org.jclouds.filesystem.util;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.AclEntry;
import java.nio.file.attribute.AclEntryPermission;
import java.nio.file.attribute.AclEntryType;
import java.nio.file.attribute.AclFileAttributeView;
import java.nio.file.attribute.UserPrincipal;
import java.util.ArrayList;
import java.util.List;

/**
 * jclouds' filesystem helpers as S3Proxy's file store calls them, placed before jclouds on the local S3 server's
 * classpath, with one change: deleting a directory that is not empty fails at once. jclouds 2.7 retries it ten
 * times a second apart, and S3A deletes the directory markers of a tree parents first, so each such marker held a
 * delete for 10 s (most of a conversion test's time on s3a://). The outcome is the same: the directory stays, and
 * its objects are deleted in their turn. Everything else does what jclouds' own does.
 */
public final class Utils {
  public static final String WINDOWS_EVERYONE = getWindowsEveryonePrincipalName();

  private Utils() {}

  public static boolean isMacOSX() {
    return System.getProperty("os.name").contains("OS X");
  }

  public static boolean isWindows() {
    return System.getProperty("os.name", "").toLowerCase().contains("windows");
  }

  public static void deleteRecursively(File file) throws IOException {
    File[] children = file.isDirectory() ? file.listFiles() : null;
    if (children != null) {
      for (File child : children) {
        deleteRecursively(child);
      }
    }
    delete(file);
  }

  /** Deletes a file or an empty directory; a missing one is no error, a directory with entries fails at once. */
  public static void delete(File file) throws IOException {
    Path path;
    try {
      path = file.toPath();
    } catch (InvalidPathException e) {
      throw new IOException("Could not delete: " + file, e);
    }
    try {
      Files.delete(path);
    } catch (NoSuchFileException e) {
      return;
    } catch (DirectoryNotEmptyException e) {
      throw new IOException("Could not delete: " + path + " (not empty)", e);
    }
  }

  /** The name of the group of everyone: Windows' own, found with {@code whoami /groups}; elsewhere "Everyone". */
  public static String getWindowsEveryonePrincipalName() {
    if (isWindows()) {
      try {
        Process process = new ProcessBuilder("whoami", "/groups").start();
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(process.getInputStream()))) {
          String line;
          while ((line = reader.readLine()) != null) {
            if (line.contains("S-1-1-0")) {
              return line.split("\\s{2,}")[0];
            }
          }
        } finally {
          process.destroy();
        }
      } catch (IOException e) {
        return "Everyone";
      }
    }
    return "Everyone";
  }

  public static boolean isPrivate(Path path) throws IOException {
    UserPrincipal everyone = everyone();
    for (AclEntry entry : acl(path).getAcl()) {
      if (entry.principal().equals(everyone)) {
        return false;
      }
    }
    return true;
  }

  public static void setPrivate(Path path) throws IOException {
    UserPrincipal everyone = everyone();
    AclFileAttributeView view = acl(path);
    List<AclEntry> entries = new ArrayList<>(view.getAcl());
    entries.removeIf(entry -> entry.principal().equals(everyone) && entry.type().equals(AclEntryType.ALLOW));
    view.setAcl(entries);
  }

  public static void setPublic(Path path) throws IOException {
    AclFileAttributeView view = acl(path);
    List<AclEntry> entries = new ArrayList<>(view.getAcl());
    entries.add(AclEntry.newBuilder().setPrincipal(everyone()).setPermissions(AclEntryPermission.READ_DATA,
        AclEntryPermission.READ_ACL, AclEntryPermission.READ_ATTRIBUTES, AclEntryPermission.READ_NAMED_ATTRS)
        .setType(AclEntryType.ALLOW).build());
    view.setAcl(entries);
  }

  private static UserPrincipal everyone() throws IOException {
    return FileSystems.getDefault().getUserPrincipalLookupService().lookupPrincipalByName(WINDOWS_EVERYONE);
  }

  private static AclFileAttributeView acl(Path path) {
    return Files.getFileAttributeView(path, AclFileAttributeView.class);
  }
}
