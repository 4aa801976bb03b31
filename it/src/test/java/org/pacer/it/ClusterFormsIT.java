package org.pacer.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.pacer.it.harness.Privileges;
import org.pacer.it.harness.TestCluster;
import org.pacer.it.harness.TestNode;

/**
 * Three nodes started with {@code crm cluster start} form one cluster that every node reports
 * through {@code crm cluster status}; a node whose every process is killed leaves it, and joins
 * again when started. Runs on loopback, and in namespaces when root.
 */
class ClusterFormsIT {

  private static int members(TestNode node) {
    Optional<JsonNode> status = node.membershipStatus();
    return status.map(s -> s.path("members").size()).orElse(-1);
  }

  private static boolean quorate(TestNode node) {
    return node.membershipStatus().map(s -> s.path("quorate").asBoolean()).orElse(false);
  }

  private void formsLosesAndRegainsANode(TestCluster cluster) throws Exception {
    boolean passed = false;
    try {
      cluster.start();
      for (TestNode node : cluster.nodes()) {
        cluster.await(node + " to see 3 members", Duration.ofSeconds(60), () -> members(node) == 3);
      }
      assertTrue(quorate(cluster.node(1)));
      JsonNode status = cluster.node(2).membershipStatus().orElseThrow();
      assertEquals("n2", status.path("node").asText());

      cluster.node(3).killAll();
      cluster.await(
          "n1 to see 2 members", Duration.ofSeconds(60), () -> members(cluster.node(1)) == 2);
      assertTrue(quorate(cluster.node(1)), "2 of 3 votes keep quorum");

      cluster.node(3).start();
      cluster.await(
          "n1 to see n3 again", Duration.ofSeconds(60), () -> members(cluster.node(1)) == 3);
      passed = true;
    } finally {
      if (!passed) {
        cluster.keepLogs();
      }
    }
  }

  @Test
  void onLoopback() throws Exception {
    try (TestCluster cluster = TestCluster.builder("forms").nodes(3).firstLoopback(21).build()) {
      formsLosesAndRegainsANode(cluster);
    }
  }

  @Test
  void inNamespaces() throws Exception {
    assumeTrue(Privileges.namespaces(), "needs root, ip and nft");
    try (TestCluster cluster = TestCluster.builder("formsns").nodes(3).namespaces(true).build()) {
      formsLosesAndRegainsANode(cluster);
    }
  }
}
