package org.pacer.stonithd.daemon;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.pacer.stonithd.api.StonithClient;

/** {@link TestCluster} for code outside this package (the benchmark). */
public final class TestClusterAccess implements AutoCloseable {
  private final TestCluster cluster;

  public TestClusterAccess(Path base) throws IOException {
    cluster = new TestCluster(base);
  }

  /** Nodes joined through real pacer-membership daemons. */
  public TestClusterAccess(Path base, List<String> ring) throws IOException {
    cluster = new TestCluster(base, ring);
  }

  public static String cib(List<String> nodes, String resources) {
    return TestCluster.cib(nodes, resources, "");
  }

  public static String device(String id, String agent, String... params) {
    return TestCluster.device(id, agent, params);
  }

  public void writeCib(String node, String xml) throws IOException {
    cluster.writeCib(node, xml);
  }

  public void start(String node) throws IOException {
    cluster.start(node);
  }

  public StonithClient client(String node) throws IOException {
    return cluster.client(node);
  }

  public long pid(String node) {
    return cluster.daemons.get(node).pid();
  }

  @Override
  public void close() {
    cluster.close();
  }
}
