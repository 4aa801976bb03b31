package org.pacer.dist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.core.status.Status;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.pacer.membership.config.ClusterConfig;
import org.pacer.membership.config.ClusterConfigReader;
import org.pacer.membership.config.NodeEntry;

/** The example configuration the tarball and the package ship is read without a complaint. */
class ExampleConfigTest {

  private static final Path ETC = DistTree.module().resolve("src/etc");

  @Test
  void exampleCorosyncConfLoadsWithoutWarnings() throws Exception {
    ClusterConfig config = ClusterConfigReader.read(ETC.resolve("corosync.conf.example"));
    assertEquals(List.of(), config.warnings());
    assertEquals(
        List.of("node1", "node2", "node3"), config.nodes().stream().map(NodeEntry::name).toList());
    assertEquals("webcluster", config.totem().clusterName());
  }

  @Test
  void exampleLogbackXmlConfiguresWithoutErrors() throws Exception {
    LoggerContext context = new LoggerContext();
    JoranConfigurator configurator = new JoranConfigurator();
    configurator.setContext(context);
    configurator.doConfigure(ETC.resolve("logback.xml").toFile());
    int worst =
        context.getStatusManager().getCopyOfStatusList().stream()
            .mapToInt(Status::getEffectiveLevel)
            .max()
            .orElse(Status.INFO);
    assertTrue(
        worst < Status.WARN,
        "logback reported problems: " + context.getStatusManager().getCopyOfStatusList());
    context.stop();
  }
}
