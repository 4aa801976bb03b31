package org.pacer.crmd.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The real pacer-tool binary against a tool service on a local socket. */
class ThinClientIT {

  @TempDir Path root;
  private MemoryBackend cluster;
  private ToolHost host;

  @BeforeEach
  void start() throws Exception {
    assumeTrue(ToolHost.clientBuilt(), "pacer-tool was not built (no gcc)");
    cluster = new MemoryBackend("node1", "node1", "node2");
    host = new ToolHost(root, cluster);
  }

  @AfterEach
  void stop() {
    if (host != null) {
      host.close();
    }
  }

  @Test
  void commandsRunInTheControllerAndKeepTheirOutputAndExitCodes() throws Exception {
    assertEquals(new ToolResult(0, "node1\n", ""), host.call("crm_node", Map.of(), "-n"));
    assertEquals(
        new ToolResult(0, "", ""),
        host.call(
            "crm_attribute", Map.of(), "-N", "node2", "-n", "site", "-v", "a \"quoted\" é ☃"));
    assertEquals(
        new ToolResult(0, "a \"quoted\" é ☃\n", ""),
        host.call("crm_attribute", Map.of(), "-N", "node2", "-n", "site", "-G", "-q"));
    assertEquals(
        new ToolResult(
            105, "", "crm_attribute: Error performing operation: No such device or address\n"),
        host.call("crm_attribute", Map.of(), "-N", "node2", "-n", "nothing", "-G"));
    assertEquals(
        0, host.call("crm_master", Map.of("OCF_RESOURCE_INSTANCE", "db"), "-v", "9").exitCode());
    assertEquals(
        "scope=nodes  name=master-db value=9\n",
        host.call("crm_attribute", Map.of(), "-N", "node1", "-n", "master-db", "-G").stdout());
    assertEquals(0, host.call("attrd_updater", Map.of(), "-n", "pingd", "-U", "1").exitCode());
    assertEquals(
        "name=\"pingd\" host=\"node1\" value=\"1\"\n",
        host.call("attrd_updater", Map.of(), "-n", "pingd", "-Q").stdout());
    assertEquals(64, host.call("attrd_updater", Map.of(), "-Q").exitCode());
  }

  @Test
  void noControllerMeansExit102WithPacemakersWording() throws Exception {
    host.close();
    host = null;
    try (ToolHost other = new ToolHost(root.resolve("elsewhere"), cluster)) {
      ToolResult r = other.call("crm_node", Map.of(), "-n");
      assertEquals(0, r.exitCode());
    }
    ToolHost dead = new ToolHost(root.resolve("gone"), cluster);
    dead.close();
    ToolResult r = dead.call("crm_attribute", Map.of(), "-n", "x", "-G");
    assertEquals(102, r.exitCode());
    assertEquals(
        true, r.stderr().startsWith("crm_attribute: Could not connect to the CIB: "), r.stderr());
  }
}
