package org.pacer.crmd.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ToolsTest {

  private final MemoryBackend cluster = new MemoryBackend("node1", "node1", "node2", "node3");

  private ToolResult run(String tool, String... args) {
    return Tools.run(tool, List.of(args), Map.of(), cluster);
  }

  @Test
  void attrdUpdaterSetsQueriesAndUnsets() {
    assertEquals(0, run("attrd_updater", "-n", "pingd", "-U", "100", "-d", "5s").exitCode());
    assertEquals(5000L, cluster.dampening.get("node1/pingd"));
    ToolResult q = run("attrd_updater", "-n", "pingd", "-Q");
    assertEquals("name=\"pingd\" host=\"node1\" value=\"100\"\n", q.stdout());
    run("attrd_updater", "-n", "pingd", "-N", "node2", "-U", "7");
    assertEquals(
        "name=\"pingd\" host=\"node1\" value=\"100\"\nname=\"pingd\" host=\"node2\" value=\"7\"\n",
        run("attrd_updater", "-n", "pingd", "-QA").stdout());
    run("attrd_updater", "-n", "pingd", "-D");
    ToolResult gone = run("attrd_updater", "-n", "pingd", "-Q");
    assertEquals(105, gone.exitCode());
    assertEquals(
        "attrd_updater: Could not query value of pingd: attribute does not exist\n", gone.stderr());
  }

  @Test
  void attrdUpdaterUsageErrorsExit64() {
    ToolResult r = run("attrd_updater", "-U", "1");
    assertEquals(64, r.exitCode());
    assertEquals("attrd_updater: Command requires --name argument\n", r.stderr());
    assertEquals(64, run("attrd_updater", "-n", "x", "-B", "1").exitCode());
    assertEquals(64, run("attrd_updater", "-n").exitCode());
    assertEquals(64, run("attrd_updater", "-n", "x", "-U", "1", "-d", "soon").exitCode());
    assertEquals(105, run("attrd_updater", "-n", "x", "-U", "1", "-N", "nosuch").exitCode());
  }

  @Test
  void crmNodeReportsMembership() {
    cluster.members.put("node3", false);
    assertEquals("node1\n", run("crm_node", "-n").stdout());
    assertEquals("1\n", run("crm_node", "-i").stdout());
    assertEquals("1\n", run("crm_node", "-q").stdout());
    assertEquals("node1 node2\n", run("crm_node", "-p").stdout());
    assertEquals("1 node1 member\n2 node2 member\n3 node3 lost\n", run("crm_node", "-l").stdout());
    assertEquals("node2\n", run("crm_node", "-N", "2").stdout());
    assertEquals(105, run("crm_node", "-N", "9").exitCode());
    assertEquals(64, run("crm_node").exitCode());
    assertEquals(64, run("crm_node", "-Z").exitCode());
  }

  @Test
  void promotionScoresFromInsideAnAgent() {
    Map<String, String> env = Map.of("OCF_RESOURCE_INSTANCE", "db:1");
    assertEquals(
        0, Tools.run("crm_attribute", List.of("--promotion", "-v", "5"), env, cluster).exitCode());
    ToolResult r = Tools.run("crm_attribute", List.of("-p", "-G", "-q"), env, cluster);
    assertEquals("5\n", r.stdout());
    assertEquals(
        "5", cluster.get(ToolBackend.Scope.STATUS, "1", null, "master-db:1").get().value());
  }
}
