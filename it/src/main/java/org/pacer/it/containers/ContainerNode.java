package org.pacer.it.containers;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.command.TopContainerResponse;
import com.github.dockerjava.api.exception.DockerException;
import com.github.dockerjava.api.model.ContainerNetwork;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.pacer.it.check.AgentEvent;
import org.pacer.it.harness.ClusterNode;
import org.pacer.it.harness.NodeClients;
import org.pacer.messaging.paths.NodePaths;
import org.testcontainers.containers.Container.ExecResult;
import org.testcontainers.containers.GenericContainer;

/**
 * One node of a {@link ContainerCluster}: a container of the node image whose root directory is a
 * bind mount of the same path on the host, so the test reaches its daemons' Unix sockets, reads its
 * logs and its agents' logs directly. Its faults are the engine's: {@code docker kill} (a power
 * loss), {@code docker pause} (a hung machine), {@code docker network disconnect} (a cut cable).
 */
public final class ContainerNode implements ClusterNode {

  private final String name;
  private final String address;
  private final GenericContainer<?> container;
  private final ContainerCluster cluster;
  private final NodePaths paths;
  private final NodeClients clients;

  ContainerNode(
      String name, String address, GenericContainer<?> container, ContainerCluster cluster) {
    this.name = name;
    this.address = address;
    this.container = container;
    this.cluster = cluster;
    this.paths = new NodePaths(cluster.dir().resolve(name));
    this.clients = new NodeClients(paths, cluster.loops());
  }

  @Override
  public String name() {
    return name;
  }

  public String address() {
    return address;
  }

  public NodePaths paths() {
    return paths;
  }

  private DockerClient docker() {
    return container.getDockerClient();
  }

  private String id() {
    return container.getContainerId();
  }

  /**
   * Boots the node: starts its container when it is off, clears what a reboot clears (the node's
   * run directory: pid files, sockets, agents' state), and starts its daemons with {@code crm
   * cluster start} inside the container.
   */
  public void start() throws IOException {
    if (!containerRunning()) {
      deleteTree(paths.root().resolve("run"));
      docker().startContainerCmd(id()).exec();
    }
    crm("cluster", "start", "--root", paths.root().toString(), "--node", name, "--wait", "120")
        .requireSuccess("crm cluster start on " + name);
  }

  /** The result of a command run in the node's container. */
  public record Result(int exit, String out, String err) {
    public Result requireSuccess(String what) {
      if (exit != 0) {
        throw new AssertionError(what + " failed with exit " + exit + ": " + err + out);
      }
      return this;
    }
  }

  /** Runs Pacer's shell ({@code pacer-crm ARGS}) in the container, as an operator there would. */
  public Result crm(String... args) throws IOException {
    List<String> command = new ArrayList<>(List.of("env"));
    cluster.nodeEnvironment().forEach((k, v) -> command.add(k + "=" + v));
    command.add("pacer-crm");
    command.addAll(List.of(args));
    return exec(command.toArray(String[]::new));
  }

  /** Runs a command in the container. */
  public Result exec(String... command) throws IOException {
    try {
      ExecResult r = container.execInContainer(command);
      return new Result(r.getExitCode(), r.getStdout(), r.getStderr());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted running " + String.join(" ", command) + " on " + name);
    }
  }

  /**
   * A power loss: {@code docker kill} (SIGKILL of every process in the container), waiting until
   * the engine reports it stopped, and the moment recorded for the invariant checker.
   */
  public void powerOff() {
    InspectContainerResponse.ContainerState state = state();
    if (Boolean.TRUE.equals(state.getRunning())) {
      try {
        docker().killContainerCmd(id()).exec();
      } catch (DockerException e) {
        if (containerRunning()) {
          throw e;
        }
      }
    }
    long giveUp = System.nanoTime() + 30_000_000_000L;
    while (containerRunning()) {
      if (System.nanoTime() > giveUp) {
        throw new IllegalStateException(name + "'s container still runs 30 s after docker kill");
      }
      sleep(50);
    }
    try {
      AgentEvent.appendOff(cluster.agentLogDir(), name, System.currentTimeMillis());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot record the power-off of " + name, e);
    }
  }

  /**
   * kill -9 of one daemon inside the container (its pid file holds the container's pid); the
   * supervisor restarts it.
   */
  public void killDaemon(String daemon) throws IOException {
    String pid = Files.readString(paths.pidFile(daemon)).trim();
    exec("kill", "-9", pid)
        .requireSuccess("kill -9 of " + daemon + " (pid " + pid + ") on " + name);
  }

  /** {@code docker pause}: every process frozen (cgroup freezer), as a hung machine. */
  public void pause() {
    docker().pauseContainerCmd(id()).exec();
  }

  /** {@code docker unpause}. */
  public void resume() {
    docker().unpauseContainerCmd(id()).exec();
  }

  /** {@code docker network disconnect}: the node is cut off from the cluster network at once. */
  public void disconnect() {
    docker()
        .disconnectFromNetworkCmd()
        .withNetworkId(cluster.networkId())
        .withContainerId(id())
        .withForce(true)
        .exec();
  }

  /** Connects the node again with its address and alias (the engine forgets both). */
  public void reconnect() {
    docker()
        .connectToNetworkCmd()
        .withNetworkId(cluster.networkId())
        .withContainerId(id())
        .withContainerNetwork(
            new ContainerNetwork()
                .withAliases(name)
                .withIpamConfig(new ContainerNetwork.Ipam().withIpv4Address(address)))
        .exec();
  }

  /** Whether the container runs (paused counts: its processes exist, frozen). */
  public boolean containerRunning() {
    return Boolean.TRUE.equals(state().getRunning());
  }

  private InspectContainerResponse.ContainerState state() {
    return docker().inspectContainerCmd(id()).exec().getState();
  }

  /**
   * The daemons alive in the container, from the engine's process list (it answers for a paused
   * container too, which a {@code docker exec} would not): the supervisor launches each with {@code
   * -Dpacer.daemon=NAME}.
   */
  @Override
  public NodeClients clients() {
    return clients;
  }

  @Override
  public boolean daemonAlive(String daemon) {
    try {
      TopContainerResponse top = docker().topContainerCmd(id()).exec();
      int cmd = List.of(top.getTitles()).indexOf("CMD");
      String marker = "-Dpacer.daemon=" + daemon + " ";
      for (String[] process : top.getProcesses()) {
        if (cmd >= 0 && process[cmd].contains(marker)) {
          return true;
        }
      }
      return false;
    } catch (DockerException e) {
      return false; // not running
    }
  }

  private static void deleteTree(Path root) throws IOException {
    if (!Files.exists(root)) {
      return;
    }
    try (var walk = Files.walk(root)) {
      for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }

  private static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public String toString() {
    return name;
  }
}
