package org.pacer.messaging.paths;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class NodePathsTest {

  @Test
  void optionWinsOverEnvironment() {
    NodePaths paths = NodePaths.resolve("/tmp/a", Map.of(NodePaths.ROOT_ENV, "/tmp/b"));
    assertEquals(Path.of("/tmp/a"), paths.root());
  }

  @Test
  void environmentUsedWhenNoOption() {
    NodePaths paths = NodePaths.resolve(null, Map.of(NodePaths.ROOT_ENV, "/tmp/b"));
    assertEquals(Path.of("/tmp/b/etc/pacer/corosync.conf"), paths.corosyncConf());
    assertEquals(Path.of("/tmp/b/run/pacer/cib.sock"), paths.socket("cib"));
    assertFalse(paths.isSystemRoot());
  }

  @Test
  void systemRootByDefault() {
    NodePaths paths = NodePaths.resolve("", Map.of());
    assertTrue(paths.isSystemRoot());
    assertEquals(Path.of("/etc/pacer"), paths.etcDir());
    assertEquals(Path.of("/var/lib/pacer"), paths.libDir());
    assertEquals(Path.of("/run/pacer"), paths.runDir());
    assertEquals(Path.of("/var/log/pacer"), paths.logDir());
  }

  @Test
  void relativeRootIsMadeAbsolute() {
    NodePaths paths = NodePaths.resolve("x/../y", Map.of());
    assertTrue(paths.root().isAbsolute());
    assertEquals("y", paths.root().getFileName().toString());
  }
}
