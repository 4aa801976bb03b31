package org.pacer.it.containers;

import com.github.dockerjava.api.model.Bind;
import com.github.dockerjava.api.model.Network.Ipam;
import com.github.dockerjava.api.model.Volume;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.pacer.it.harness.CorosyncConf;
import org.pacer.it.harness.NodeCluster;
import org.pacer.messaging.transport.EventLoops;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.Network;
import org.testcontainers.utility.DockerImageName;

/**
 * A cluster of Pacer nodes in containers of the {@link NodeImage}, on a private bridge network of
 * its own with fixed addresses (corosync.conf names them). Every node's root directory lives on the
 * host under {@link #dir()} and is bind-mounted at the same path in its container, with the agents'
 * log directory and the fence channel beside them; so the host-side tools of the harness (the
 * invariant checker, the daemons' clients) work unchanged.
 *
 * <p>{@link #close()} removes every container and the network, by id, and keeps the directory
 * (every node's logs) only when {@link #keepLogs()} was called.
 */
public final class ContainerCluster implements NodeCluster<ContainerNode>, AutoCloseable {

  private final Path dir;
  private final Network network;
  private final List<ContainerNode> nodes = new ArrayList<>();
  private final List<GenericContainer<?>> containers = new ArrayList<>();
  private final EventLoops loops = EventLoops.create("it-container-clients", 1);
  private final ContainerFencer fencer;
  private boolean keepLogs;

  private ContainerCluster(NodeImage image, String name, int count) throws IOException {
    Path base = Path.of(System.getProperty("pacer.it.dir", "target/it-clusters")).toAbsolutePath();
    Files.createDirectories(base);
    this.dir = Files.createTempDirectory(base, "containers-" + name + "-");
    SecureRandom random = new SecureRandom();
    // A /24 of its own, so that addresses are known before any container exists.
    String prefix = "10.213." + random.nextInt(256) + ".";
    this.network =
        Network.builder()
            .createNetworkCmdModifier(
                cmd ->
                    cmd.withName("pacer-it-" + dir.getFileName())
                        .withIpam(
                            new Ipam().withConfig(new Ipam.Config().withSubnet(prefix + "0/24"))))
            .build();
    List<String> names = new ArrayList<>();
    List<String> addresses = new ArrayList<>();
    for (int i = 1; i <= count; i++) {
      names.add("n" + i);
      addresses.add(prefix + (10 + i));
    }
    try {
      this.fencer = new ContainerFencer(dir.resolve("fence-channel"), names, this::nodeNamed);
      writeNodeRoots(name, 20_000 + random.nextInt(20_000), addresses);
      for (int i = 0; i < count; i++) {
        GenericContainer<?> c = container(image, names.get(i), addresses.get(i));
        containers.add(c);
        nodes.add(new ContainerNode(names.get(i), addresses.get(i), c, this));
      }
      for (GenericContainer<?> c : containers) {
        c.start();
      }
    } catch (RuntimeException | IOException e) {
      close();
      throw e;
    }
  }

  /** Creates and starts {@code count} containers (their daemons are not started yet). */
  public static ContainerCluster create(NodeImage image, String name, int count)
      throws IOException {
    return new ContainerCluster(image, name, count);
  }

  private void writeNodeRoots(String name, int port, List<String> addresses) throws IOException {
    String conf = CorosyncConf.render(name, port, "", addresses);
    byte[] authkey = new byte[256];
    new SecureRandom().nextBytes(authkey);
    Files.createDirectories(agentLogDir());
    for (int i = 1; i <= addresses.size(); i++) {
      var paths = new org.pacer.messaging.paths.NodePaths(dir.resolve("n" + i));
      Files.createDirectories(paths.etcDir());
      Files.createDirectories(paths.logDir());
      Files.writeString(paths.corosyncConf(), conf);
      Files.write(paths.authkey(), authkey);
      Files.setPosixFilePermissions(paths.authkey(), PosixFilePermissions.fromString("r--------"));
    }
  }

  private GenericContainer<?> container(NodeImage image, String node, String address) {
    return new GenericContainer<>(DockerImageName.parse(image.tag()))
        // The image is local and no registry is reachable: never pull.
        .withImagePullPolicy(imageName -> false)
        .withNetwork(network)
        .withNetworkAliases(node)
        .withCreateContainerCmdModifier(
            cmd -> {
              cmd.withHostName(node).withIpv4Address(address);
              // An init as PID 1 reaps the daemons' orphans and makes the container stop at once.
              cmd.getHostConfig().withInit(true);
              // The cluster's directory at the same path (set here: Testcontainers' own bind
              // option first probes the engine with an image from a registry).
              cmd.getHostConfig().withBinds(new Bind(dir.toString(), new Volume(dir.toString())));
            })
        .withCommand("sleep", "infinity");
  }

  private ContainerNode nodeNamed(String name) {
    return nodes.stream().filter(n -> n.name().equals(name)).findFirst().orElse(null);
  }

  @Override
  public Path dir() {
    return dir;
  }

  @Override
  public List<ContainerNode> nodes() {
    return List.copyOf(nodes);
  }

  /** Node {@code i}, counting from 1 as node names do. */
  public ContainerNode node(int i) {
    return nodes.get(i - 1);
  }

  @Override
  public Path agentLogDir() {
    return dir.resolve("agent-log");
  }

  String networkId() {
    return network.getId();
  }

  EventLoops loops() {
    return loops;
  }

  /** Environment every process started in a node gets: small daemon JVMs, 3 nodes on 2 cores. */
  Map<String, String> nodeEnvironment() {
    return Map.of(
        "PACER_DAEMON_JAVA_OPTS",
        "-XX:+UseSerialGC -Xms16m -Xmx256m -Xss512k -XX:TieredStopAtLevel=1");
  }

  /** Starts every node's daemons at once. */
  public void start() throws Exception {
    onEveryNodeAtOnce(nodes, ContainerNode::start);
  }

  @Override
  public void keepLogs() {
    keepLogs = true;
  }

  /** Fencing on, through {@code fence_pacer_container} for every node, plus {@code options}. */
  public void configureFencing(Map<String, String> options) {
    Map<String, String> all = new LinkedHashMap<>(options);
    all.put("stonith-enabled", "true");
    StringBuilder hosts = new StringBuilder();
    nodes.forEach(n -> hosts.append(hosts.isEmpty() ? "" : " ").append(n.name()));
    configure(
        all,
        "<primitive id=\"fence-container\" class=\"stonith\" type=\"fence_pacer_container\">"
            + "<instance_attributes id=\"fence-container-ia\">"
            + "<nvpair id=\"fence-container-channel\" name=\"channel_dir\" value=\""
            + fencer.channel()
            + "\"/><nvpair id=\"fence-container-hosts\" name=\"pcmk_host_list\" value=\""
            + hosts
            + "\"/></instance_attributes>"
            // Unmanaged for the reason TestCluster.fenceDeviceXml gives (pacer-lrmd cannot run
            // stonith-class actions yet); stonithd reads the device from the CIB all the same.
            + "<meta_attributes id=\"fence-container-meta\"><nvpair id=\"fence-container-managed\""
            + " name=\"is-managed\" value=\"false\"/></meta_attributes>"
            + "</primitive>");
  }

  @Override
  public void close() {
    if (fencer != null) {
      fencer.close();
    }
    for (GenericContainer<?> c : containers) {
      try {
        // Removes the container by id (docker rm -f, with its anonymous volumes).
        c.stop();
      } catch (RuntimeException e) {
        System.err.println("could not remove container " + c.getContainerId() + ": " + e);
      }
    }
    try {
      network.close();
    } catch (RuntimeException e) {
      System.err.println("could not remove network " + dir.getFileName() + ": " + e);
    }
    loops.close();
    if (keepLogs) {
      System.out.println("container cluster: logs kept in " + dir);
    } else {
      try (var walk = Files.walk(dir)) {
        walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      } catch (IOException e) {
        // Leftover files under target/ are harmless; never fail a test over cleanup.
      }
    }
  }
}
