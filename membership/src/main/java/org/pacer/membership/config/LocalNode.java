package org.pacer.membership.config;

import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Chooses which nodelist entry is this process. Several nodes of a demo or test share one machine
 * (127.0.0.1, .2, .3 ...), so an explicit {@code --node NAME} (a name or a node id) wins; without
 * it, corosync's order is followed: the host name, the host name without its domain, then the first
 * node one of whose addresses is configured on a local interface.
 */
public final class LocalNode {

  private LocalNode() {}

  /**
   * @param explicit the {@code --node} value, or null
   * @param hostname this machine's host name
   * @param localAddresses the addresses configured on this machine's interfaces
   */
  public static NodeEntry choose(
      ClusterConfig config, String explicit, String hostname, Set<InetAddress> localAddresses)
      throws ConfException {
    if (explicit != null && !explicit.isBlank()) {
      for (NodeEntry n : config.nodes()) {
        if (n.name().equals(explicit) || Integer.toUnsignedString(n.nodeId()).equals(explicit)) {
          return n;
        }
      }
      throw new ConfException(
          config.file(),
          0,
          "--node "
              + explicit
              + " matches no node of the nodelist (names: "
              + config.nodes().stream().map(NodeEntry::name).collect(Collectors.joining(", "))
              + ")");
    }
    if (hostname != null) {
      String shortName =
          hostname.contains(".") ? hostname.substring(0, hostname.indexOf('.')) : hostname;
      for (String candidate : List.of(hostname, shortName)) {
        for (NodeEntry n : config.nodes()) {
          if (n.name().equals(candidate)) {
            return n;
          }
        }
      }
    }
    List<NodeEntry> matches = new ArrayList<>();
    for (NodeEntry n : config.nodes()) {
      for (String addr : n.addrs()) {
        if (addr != null && resolvesToLocal(addr, localAddresses)) {
          matches.add(n);
          break;
        }
      }
    }
    if (matches.size() == 1) {
      return matches.get(0);
    }
    throw new ConfException(
        config.file(),
        0,
        matches.isEmpty()
            ? "no node of the nodelist has this host's name or one of its addresses; use --node NAME"
            : "several nodes of the nodelist have addresses on this host ("
                + matches.stream().map(NodeEntry::name).collect(Collectors.joining(", "))
                + "); use --node NAME");
  }

  /** The addresses of every interface of this machine. */
  public static Set<InetAddress> systemAddresses() {
    try {
      return NetworkInterface.networkInterfaces()
          .flatMap(NetworkInterface::inetAddresses)
          .collect(Collectors.toSet());
    } catch (SocketException e) {
      return Collections.emptySet();
    }
  }

  private static boolean resolvesToLocal(String addr, Set<InetAddress> local) {
    try {
      for (InetAddress a : InetAddress.getAllByName(addr)) {
        if (local.contains(a)) {
          return true;
        }
      }
    } catch (UnknownHostException e) {
      return false;
    }
    return false;
  }
}
