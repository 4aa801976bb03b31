package org.pacer.it.harness;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A private network of test hosts, each in its own network namespace, joined by veth links to a
 * bridge in the test's namespace. Faults are real: a host's link can be taken down, and any
 * partition can be imposed with nftables rules inside the hosts. Everything is created with unique
 * names and removed by {@link #close()}, even after a failure.
 */
public final class Network implements AutoCloseable {

  private final String id;
  private final String bridge;
  private final String subnet;
  private final Map<String, Host> hosts = new LinkedHashMap<>();

  /** One host: its namespace, its veth ends and its address. */
  public record Host(
      String name, String namespace, String outerLink, String innerLink, String address) {}

  private Network(String id, int subnetIndex) {
    this.id = id;
    this.bridge = "pbr" + id;
    this.subnet = "10.77." + subnetIndex;
  }

  /**
   * Creates the bridge. {@code id} must be short (interface names are limited to 15 bytes) and
   * unique among networks that exist at once.
   */
  public static Network create(String id, int subnetIndex) throws IOException {
    Network network = new Network(id, subnetIndex);
    Command.check("ip", "link", "add", network.bridge, "type", "bridge");
    Command.check("ip", "link", "set", network.bridge, "up");
    network.acceptForwarding();
    return network;
  }

  /**
   * A Docker engine on this machine (the container tests' one, started by .ci/run) sets the FORWARD
   * policy to DROP and makes bridged frames pass iptables (br_netfilter), which would drop every
   * packet between these namespaces: let this bridge's own traffic through, as the engine does for
   * its own bridges. Without iptables there is nothing to do.
   */
  private void acceptForwarding() {
    Command.quietly(forwardRule("-I"));
  }

  private String[] forwardRule(String op) {
    return new String[] {"iptables", op, "FORWARD", "-i", bridge, "-o", bridge, "-j", "ACCEPT"};
  }

  /** Adds a host with address {@code 10.77.S.(index+10)}. */
  public Host addHost(String name, int index) throws IOException {
    String namespace = namespacePrefix() + name;
    String outer = "pv" + id + "o" + index;
    String inner = "pv" + id + "i" + index;
    String address = subnet + "." + (index + 10);
    Command.check("ip", "netns", "add", namespace);
    Host host = new Host(name, namespace, outer, inner, address);
    hosts.put(name, host);
    Command.check("ip", "link", "add", outer, "type", "veth", "peer", "name", inner);
    Command.check("ip", "link", "set", inner, "netns", namespace);
    Command.check("ip", "link", "set", outer, "master", bridge);
    Command.check("ip", "link", "set", outer, "up");
    Command.check("ip", "-n", namespace, "addr", "add", address + "/24", "dev", inner);
    Command.check("ip", "-n", namespace, "link", "set", inner, "up");
    Command.check("ip", "-n", namespace, "link", "set", "lo", "up");
    return host;
  }

  /**
   * A host's namespace is this prefix and its name (what fence_pacer_kill's netns_prefix wants).
   */
  public String namespacePrefix() {
    return "pns" + id + "-";
  }

  public Host host(String name) {
    Host host = hosts.get(name);
    if (host == null) {
      throw new IllegalArgumentException("no host " + name + " in network " + id);
    }
    return host;
  }

  public Collection<Host> hosts() {
    return hosts.values();
  }

  /** The prefix that runs a command inside a host's namespace. */
  public List<String> inHost(String name, List<String> command) {
    List<String> full = new ArrayList<>(List.of("ip", "netns", "exec", host(name).namespace()));
    full.addAll(command);
    return full;
  }

  /** Takes a host's only link down: it hears nobody and nobody hears it. */
  public void cutLink(String name) throws IOException {
    Command.check("ip", "link", "set", host(name).outerLink(), "down");
  }

  /**
   * Removes every address of a host but its own (what a reboot does to addresses that agents such
   * as IPaddr2 added).
   */
  public void resetAddresses(String name) throws IOException {
    Host host = host(name);
    Command.check("ip", "-n", host.namespace(), "addr", "flush", "dev", host.innerLink());
    Command.check(
        "ip",
        "-n",
        host.namespace(),
        "addr",
        "add",
        host.address() + "/24",
        "dev",
        host.innerLink());
    Command.check("ip", "-n", host.namespace(), "link", "set", host.innerLink(), "up");
  }

  public void restoreLink(String name) throws IOException {
    Command.check("ip", "link", "set", host(name).outerLink(), "up");
  }

  /**
   * Imposes a partition: hosts in different groups cannot exchange packets, hosts in the same group
   * can. Hosts not named in any group are isolated from everyone.
   */
  public void partition(List<Set<String>> groups) throws IOException {
    heal();
    for (Host host : hosts.values()) {
      Set<String> reachable =
          groups.stream().filter(g -> g.contains(host.name())).findFirst().orElse(Set.of());
      List<String> blocked =
          hosts.values().stream()
              .filter(
                  other -> !reachable.contains(other.name()) && !other.name().equals(host.name()))
              .map(Host::address)
              .toList();
      if (blocked.isEmpty()) {
        continue;
      }
      String set = blocked.stream().collect(Collectors.joining(", ", "{ ", " }"));
      String rules =
          "table inet pacer_faults {\n"
              + "  chain input { type filter hook input priority 0; ip saddr "
              + set
              + " drop; }\n"
              + "  chain output { type filter hook output priority 0; ip daddr "
              + set
              + " drop; }\n"
              + "}\n";
      loadRules(host, rules);
    }
  }

  /**
   * Makes a host's link drop {@code percent}% of the packets it sends and of those it receives, at
   * random (nftables' numgen: this kernel has no netem, so there is loss but no delay).
   */
  public void lossy(String name, int percent) throws IOException {
    if (percent < 0 || percent > 100) {
      throw new IllegalArgumentException("loss must be 0..100 %, not " + percent);
    }
    Host host = host(name);
    // numgen's range is 0..99: total loss is a plain drop.
    String rule = (percent == 100 ? "" : "numgen random mod 100 < " + percent + " ") + "drop\n";
    String rules =
        "table inet pacer_loss {\n"
            + "  chain input {\n    type filter hook input priority 0;\n    "
            + rule
            + "  }\n  chain output {\n    type filter hook output priority 0;\n    "
            + rule
            + "  }\n}\n";
    loadRules(host, rules);
  }

  /** Loads an nftables ruleset into a host's namespace. */
  private static void loadRules(Host host, String rules) throws IOException {
    java.nio.file.Path file = java.nio.file.Files.createTempFile("pacer-nft", ".conf");
    try {
      java.nio.file.Files.writeString(file, rules);
      Command.check("ip", "netns", "exec", host.namespace(), "nft", "-f", file.toString());
    } finally {
      java.nio.file.Files.deleteIfExists(file);
    }
  }

  /** Removes every partition and loss rule and brings every link up. */
  public void heal() throws IOException {
    for (Host host : hosts.values()) {
      Command.quietly(
          "ip",
          "netns",
          "exec",
          host.namespace(),
          "nft",
          "delete",
          "table",
          "inet",
          "pacer_faults");
      Command.quietly(
          "ip", "netns", "exec", host.namespace(), "nft", "delete", "table", "inet", "pacer_loss");
      Command.check("ip", "link", "set", host.outerLink(), "up");
    }
  }

  /**
   * Kills every process left in this network's namespaces (by the pids {@code ip netns pids} lists:
   * agents' daemons, clients), then deletes every namespace and link it created.
   */
  @Override
  public void close() {
    for (Host host : hosts.values()) {
      try {
        for (String pid : Command.check("ip", "netns", "pids", host.namespace()).split("\\s+")) {
          if (!pid.isBlank()) {
            ProcessHandle.of(Long.parseLong(pid.trim())).ifPresent(ProcessHandle::destroyForcibly);
          }
        }
      } catch (IOException | NumberFormatException e) {
        // The namespace is already gone: nothing runs in it.
      }
    }
    for (Host host : hosts.values()) {
      Command.quietly("ip", "link", "del", host.outerLink());
      Command.quietly("ip", "netns", "del", host.namespace());
    }
    Command.quietly("ip", "link", "del", bridge);
    Command.quietly(forwardRule("-D"));
  }
}
