package io.tributary.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The CLI runs Spark beside the conversion engine's Arrow: one Netty version among them, Spark's. Arrow 12 asks for
 * an older one, and the mix loses Spark's task results once they go through its block manager (the default demo's).
 */
class OneNettyTest {
  @Test
  void everyNettyJarOnTheClasspathIsOfOneVersion() {
    Pattern jar = Pattern.compile("(netty-[a-z0-9-]+?)-(4\\.\\d+\\.\\d+\\.Final)(-[a-z0-9_-]+)?\\.jar$");
    Map<String, Set<String>> versions = new TreeMap<>();
    for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
      Matcher matcher = jar.matcher(entry);
      if (matcher.find()) {
        versions.computeIfAbsent(matcher.group(2), v -> new TreeSet<>()).add(matcher.group(1));
      }
    }
    assertTrue(versions.containsKey("4.1.96.Final"), "Spark's Netty: " + versions);
    assertEquals(Set.of("4.1.96.Final"), versions.keySet(), "Netty's versions and their jars: " + versions);
  }
}
