package org.pacer.crmd.it;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Test nodes in network namespaces of their own, each linked by a veth pair to a bridge this class
 * creates: a node's traffic can then really be cut (its link taken down) and restored. Needs root
 * and iproute2. Everything is created under names unique to this instance and deleted by {@link
 * #close()}. (it/ has a fuller harness; crmd cannot depend on it, since it/ depends on the shell
 * that depends on crmd.)
 */
final class Namespaces implements AutoCloseable {

  private final String id;
  private final String subnet;
  private final List<Integer> hosts = new ArrayList<>();
  private boolean bridgeMade;

  Namespaces(String id, int subnetIndex) {
    this.id = id;
    this.subnet = "10.78." + subnetIndex;
  }

  /** Root with ip: what this class needs. */
  static boolean available() {
    return "0".equals(uid()) && Files.isExecutable(Path.of("/usr/sbin/ip"));
  }

  private static String uid() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
        if (line.startsWith("Uid:")) {
          return line.split("\\s+")[2];
        }
      }
    } catch (IOException e) {
      return null;
    }
    return null;
  }

  String namespace(int node) {
    return namespacePrefix() + "n" + node;
  }

  /** What fence_pacer_kill's netns_prefix wants: a node's namespace is this and its name. */
  String namespacePrefix() {
    return "pcr" + id + "-";
  }

  String address(int node) {
    return subnet + "." + (10 + node);
  }

  private String outer(int node) {
    return "pcr" + id + "o" + node;
  }

  /** Creates node {@code node}'s namespace with its address, linked to the bridge. */
  void add(int node) throws IOException {
    if (!bridgeMade) {
      run("ip", "link", "add", bridge(), "type", "bridge");
      bridgeMade = true;
      run("ip", "link", "set", bridge(), "up");
      // With br_netfilter loaded, bridged frames cross iptables' FORWARD chain, which a Docker
      // engine on the machine sets to DROP: let this bridge's own traffic through.
      quietly("iptables", "-I", "FORWARD", "-i", bridge(), "-o", bridge(), "-j", "ACCEPT");
    }
    String inner = "pcr" + id + "i" + node;
    run("ip", "netns", "add", namespace(node));
    hosts.add(node);
    run("ip", "link", "add", outer(node), "type", "veth", "peer", "name", inner);
    run("ip", "link", "set", inner, "netns", namespace(node));
    run("ip", "link", "set", outer(node), "master", bridge(), "up");
    run("ip", "-n", namespace(node), "addr", "add", address(node) + "/24", "dev", inner);
    run("ip", "-n", namespace(node), "link", "set", inner, "up");
    run("ip", "-n", namespace(node), "link", "set", "lo", "up");
  }

  private String bridge() {
    return "pcr" + id + "br";
  }

  /** The command that runs {@code command} inside node {@code node}'s namespace. */
  List<String> inside(int node, List<String> command) {
    List<String> full = new ArrayList<>(List.of("ip", "netns", "exec", namespace(node)));
    full.addAll(command);
    return full;
  }

  /** Cuts node {@code node} off: it hears nobody and nobody hears it (a 2|1 partition of 3). */
  void isolate(int node) throws IOException {
    run("ip", "link", "set", outer(node), "down");
  }

  void reconnect(int node) throws IOException {
    run("ip", "link", "set", outer(node), "up");
  }

  @Override
  public void close() {
    for (int node : hosts) {
      quietly("ip", "link", "del", outer(node));
      quietly("ip", "netns", "del", namespace(node));
    }
    if (bridgeMade) {
      quietly("ip", "link", "del", bridge());
      quietly("iptables", "-D", "FORWARD", "-i", bridge(), "-o", bridge(), "-j", "ACCEPT");
    }
  }

  private static void quietly(String... command) {
    try {
      run(command);
    } catch (IOException e) {
      // cleanup: what is already gone stays gone
    }
  }

  private static void run(String... command) throws IOException {
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    try {
      if (!p.waitFor(30, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new IOException("timed out: " + String.join(" ", command));
      }
    } catch (InterruptedException e) {
      p.destroyForcibly();
      Thread.currentThread().interrupt();
      throw new IOException("interrupted: " + String.join(" ", command), e);
    }
    if (p.exitValue() != 0) {
      throw new IOException(
          String.join(" ", command)
              + " failed ("
              + p.exitValue()
              + "): "
              + new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip());
    }
  }
}
