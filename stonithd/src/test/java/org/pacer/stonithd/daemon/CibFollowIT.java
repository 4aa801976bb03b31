package org.pacer.stonithd.daemon;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pacer.cib.client.CibClient;
import org.pacer.cib.document.CibSection;
import org.pacer.cib.ops.CibWrite;
import org.pacer.messaging.rpc.ClientOptions;
import org.pacer.messaging.transport.Endpoint;
import org.pacer.stonithd.TestCibs;
import org.pacer.stonithd.api.StonithClient;

/** stonithd follows the real CIB daemon: a device added or removed there appears or goes. */
class CibFollowIT {

  @TempDir Path dir;

  @Test
  void devicesFollowTheCibDaemon() throws Exception {
    try (TestCluster cluster = new TestCluster(dir)) {
      Files.createDirectories(cluster.paths("node1").runDir());
      Files.createDirectories(cluster.paths("node1").logDir());
      cluster.daemons.put(
          "cib", cluster.launch("node1", "org.pacer.cib.CibDaemon", "cib", List.of()));
      Path cibSocket = cluster.paths("node1").socket("cib");
      TestCluster.await(
          () -> Files.exists(cibSocket), Duration.ofSeconds(30), "the CIB daemon did not start");
      cluster.daemons.put(
          "node1",
          cluster.launch(
              "node1",
              "org.pacer.stonithd.StonithDaemon",
              "stonithd",
              List.of("--solo", "--agents-dir", TestCluster.PACER_AGENTS.toString())));
      Path socket = cluster.paths("node1").socket("stonithd");
      TestCluster.await(
          () -> Files.exists(socket), Duration.ofSeconds(30), "stonithd did not start");
      StonithClient stonith = cluster.client("node1");
      try (CibClient cib =
          CibClient.connect(
              cluster.loops,
              new Endpoint.Local(cibSocket),
              ClientOptions.named("test"),
              Duration.ofSeconds(10))) {
        cib.write(
            new CibWrite.Create(
                CibSection.RESOURCES,
                TestCibs.primitive(
                    "rec",
                    "fence_pacer_record",
                    "record_file",
                    dir.resolve("r.txt").toString(),
                    "pcmk_host_list",
                    "node2")),
            null);
        TestCluster.await(
            () -> devices(stonith).contains("rec"),
            Duration.ofSeconds(15),
            "the device added to the CIB did not reach stonithd");
        cib.write(new CibWrite.Delete(CibSection.RESOURCES, "//primitive[@id='rec']", null), null);
        TestCluster.await(
            () -> !devices(stonith).contains("rec"),
            Duration.ofSeconds(15),
            "the device removed from the CIB is still used");
      }
    }
  }

  private static List<String> devices(StonithClient stonith) {
    try {
      return stonith.devices(null, Duration.ofSeconds(5)).get().devices().stream()
          .map(d -> d.id())
          .toList();
    } catch (Exception e) {
      return List.of();
    }
  }
}
