package org.pacer.cli.configure.session;

import java.io.PrintWriter;
import java.time.Clock;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.pacer.cli.configure.live.ClusterAccess;
import org.pacer.cli.configure.live.ClusterAccess.ClusterException;
import org.pacer.cli.configure.live.Locations;
import org.pacer.cli.configure.store.CibStore;
import org.pacer.cli.configure.store.CibStoreException;
import org.pacer.cli.configure.store.CibXml;
import org.pacer.crmd.tools.ToolResult;
import org.pacer.pengine.unpack.CibException;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * The resource and node commands that read or change the cluster's state rather than its
 * configuration: where resources run, cleanup/refresh of operation history, fail counts, transient
 * node attributes, a node's recorded state. On a live cluster they go through the controller (the
 * attribute store, its cleanup request); on a CIB file they edit the status section, as Pacemaker's
 * tools do with {@code CIB_file}.
 */
final class LiveCommands {
  /** Commands of the resource level handled here. */
  static final Set<String> RESOURCE =
      Set.of("status", "show", "list", "locate", "cleanup", "refresh", "failcount", "restart");

  /** Commands of the node level handled here. */
  static final Set<String> NODE = Set.of("status-attr", "clearstate");

  private final CibStore store;
  private final ClusterAccess access;
  private final ShellOptions options;
  private final PrintWriter out;
  private final PrintWriter err;
  private final Clock clock;

  LiveCommands(CibStore store, ShellOptions options, PrintWriter out, PrintWriter err) {
    this.store = store;
    this.access = options.cluster;
    this.options = options;
    this.out = out;
    this.err = err;
    this.clock = options.clock;
  }

  void resource(List<String> w) throws EditException, CibStoreException {
    switch (w.get(0)) {
      case "status", "show", "list", "locate" -> {
        if (w.size() == 1 && !w.get(0).equals("locate")) {
          resourceList();
        } else {
          locate(ClusterCommands.arg(w, 1, "a resource"));
        }
      }
      case "cleanup", "refresh" -> cleanup(w.get(0).equals("refresh"), w);
      case "failcount" -> failcount(w);
      default -> throw new EditException("resource " + w.get(0) + ": not a state command");
    }
  }

  void node(List<String> w) throws EditException, CibStoreException {
    switch (w.get(0)) {
      case "status-attr" -> statusAttr(w);
      case "clearstate" -> clearstate(ClusterCommands.arg(w, 1, "a node"));
      case "standby", "online" -> {
        // with lifetime "reboot": a transient attribute, gone when the node restarts
        String node = ClusterCommands.arg(w, 1, "a node");
        requireNode(store.read(), node);
        attribute(node, "standby", w.get(0).equals("standby") ? "on" : "off");
      }
      default -> throw new EditException("node " + w.get(0) + ": not a state command");
    }
  }

  /** crm_resource --list: the resources with their state, as crm_mon lists them. */
  private void resourceList() throws EditException {
    ToolResult r = access.tool("crm_mon", List.of("-1", "-r"));
    if (r.exitCode() != 0) {
      throw new EditException(r.stderr().strip());
    }
    String text = r.stdout();
    int at = text.indexOf("Full List of Resources:");
    out.print(at < 0 ? "NO resources configured\n" : text.substring(at));
  }

  /** crm_resource --locate: {@code resource X is running on: N} per node. */
  private void locate(String id) throws EditException, CibStoreException {
    Document cib = store.read();
    requireResource(cib, id);
    Locations where = locations(cib);
    List<String> nodes = where.nodesOf(id);
    if (nodes.isEmpty()) {
      out.println("resource " + id + " is NOT running");
    }
    for (String n : nodes) {
      out.println(
          "resource " + id + " is running on: " + n + (where.promotedOn(id, n) ? " Promoted" : ""));
    }
  }

  private Locations locations(Document cib) throws EditException {
    try {
      return Locations.of(cib, LocalDateTime.now(clock));
    } catch (CibException e) {
      throw new EditException("the scheduler cannot read the CIB: " + e.getMessage());
    }
  }

  /**
   * cleanup: forget the failed operations (or, with refresh, all history) of a resource, or of
   * every resource with failures, on one node or all, so the cluster probes them again.
   */
  private void cleanup(boolean refresh, List<String> w) throws EditException, CibStoreException {
    String rsc = w.size() > 1 ? w.get(1) : null;
    String onlyNode = w.size() > 2 ? w.get(2) : null;
    Document cib = store.read();
    if (rsc != null) {
      requireResource(cib, rsc);
    }
    if (onlyNode != null) {
      requireNode(cib, onlyNode);
    }
    Map<String, List<String>> targets = new LinkedHashMap<>(); // node -> history ids
    for (Element state : StatusSection.nodeStates(cib)) {
      String node = StatusSection.uname(state);
      if (onlyNode != null && !onlyNode.equals(node)) {
        continue;
      }
      for (Element h : StatusSection.histories(state)) {
        String id = h.getAttribute("id");
        boolean wanted =
            rsc != null
                ? StatusSection.sameResource(cib, id, rsc)
                : refresh || StatusSection.hasFailure(state, h);
        if (wanted) {
          targets.computeIfAbsent(node, k -> new ArrayList<>()).add(id);
        }
      }
    }
    for (Map.Entry<String, List<String>> e : targets.entrySet()) {
      for (String id : e.getValue()) {
        if (access.live()) {
          try {
            access.cleanup(e.getKey(), id);
          } catch (ClusterException x) {
            throw new EditException(
                "cleanup of " + id + " on " + e.getKey() + ": " + x.getMessage());
          }
        } else {
          String state = "/cib/status/node_state[@uname='" + e.getKey() + "']";
          store.deleteFromStatus(state + "/lrm/lrm_resources/lrm_resource[@id='" + id + "']");
          store.deleteFromStatus(
              state
                  + "/transient_attributes/instance_attributes/nvpair["
                  + StatusSection.failAttributeTest(id)
                  + "]");
        }
        out.println("Cleaned up " + id + " on " + e.getKey());
      }
    }
    if (access.live() && !targets.isEmpty()) {
      awaitForgotten(cib, targets);
    }
    if (targets.isEmpty()) {
      out.println(
          rsc == null
              ? "Nothing to clean up: no resource has failed operations"
              : "Cleaned up " + rsc + " (no operation history to forget)");
    }
  }

  /**
   * The controller acts on a cleanup after answering: wait (up to 10 s) until the status section no
   * longer holds the histories as they were, so that what follows (-w, status) sees the cleanup and
   * not the state before it.
   */
  private void awaitForgotten(Document before, Map<String, List<String>> targets)
      throws CibStoreException {
    Map<String, String> old = histories(before, targets);
    for (int i = 0; i < 100; i++) {
      Map<String, String> now = histories(store.read(), targets);
      boolean all = true;
      for (Map.Entry<String, String> e : old.entrySet()) {
        all &= !e.getValue().equals(now.get(e.getKey()));
      }
      if (all) {
        return;
      }
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
    err.println("WARNING: the CIB does not show the cleanup yet; the cluster may still be on it");
  }

  /** The text of each targeted history ({@code node/id}), absent ones left out. */
  private static Map<String, String> histories(Document cib, Map<String, List<String>> targets) {
    Map<String, String> out = new LinkedHashMap<>();
    for (Element state : StatusSection.nodeStates(cib)) {
      List<String> ids = targets.get(StatusSection.uname(state));
      if (ids == null) {
        continue;
      }
      for (Element h : StatusSection.histories(state)) {
        if (ids.contains(h.getAttribute("id"))) {
          out.put(StatusSection.uname(state) + "/" + h.getAttribute("id"), CibXml.printCompact(h));
        }
      }
    }
    return out;
  }

  /** {@code failcount RSC show|set|delete NODE [VALUE]}. */
  private void failcount(List<String> w) throws EditException, CibStoreException {
    String rsc = ClusterCommands.arg(w, 1, "a resource");
    String action = ClusterCommands.arg(w, 2, "show, set or delete");
    String node = ClusterCommands.arg(w, 3, "a node");
    Document cib = store.read();
    requireResource(cib, rsc);
    requireNode(cib, node);
    Map<String, String> counts = StatusSection.failCounts(cib, node, rsc);
    switch (action) {
      case "show" ->
          out.println(
              "scope=status  name=fail-count-"
                  + rsc
                  + " value="
                  + StatusSection.sum(counts.values()));
      case "delete" -> deleteFailCounts(node, rsc, counts);
      case "set" -> {
        String value = ClusterCommands.arg(w, 4, "a value");
        if (!value.matches("\\d+|INFINITY|\\+?INFINITY")) {
          throw new EditException(
              "failcount set: " + value + " is not a count (a number or INFINITY)");
        }
        if (value.equals("0")) {
          deleteFailCounts(node, rsc, counts);
        } else {
          attribute(node, "fail-count-" + rsc, value);
        }
      }
      default -> throw new EditException("failcount: expected show, set or delete, not " + action);
    }
  }

  private void deleteFailCounts(String node, String rsc, Map<String, String> counts)
      throws EditException {
    for (String name : counts.keySet()) {
      attribute(node, name, null);
      attribute(node, name.replaceFirst("^fail-count-", "last-failure-"), null);
    }
  }

  /** Sets (value) or deletes (null) a transient attribute of a node. */
  private void attribute(String node, String name, String value) throws EditException {
    List<String> args = new ArrayList<>(List.of("-t", "status", "-N", node, "-n", name));
    if (value == null) {
      args.add("-D");
    } else {
      args.addAll(List.of("-v", value));
    }
    ToolResult r = access.tool("crm_attribute", args);
    if (r.exitCode() != 0 && !(value == null && r.exitCode() == 105)) {
      throw new EditException(r.stderr().strip());
    }
    awaitAttribute(node, name, value);
  }

  /**
   * A transient attribute reaches the CIB when the DC writes it, after the attribute store took it:
   * on a live cluster with -w, wait (up to 10 s) until the CIB shows the value (or its absence), so
   * that the wait for the cluster to settle starts from the change.
   */
  private void awaitAttribute(String node, String name, String value) throws EditException {
    if (!access.live() || options.waitTimeout == null) {
      return;
    }
    try {
      for (int i = 0; i < 100; i++) {
        String now = null;
        for (Element state : StatusSection.nodeStates(store.read())) {
          if (node.equals(StatusSection.uname(state))) {
            now = StatusSection.transientValue(state, name);
          }
        }
        if (java.util.Objects.equals(now, value)) {
          return;
        }
        Thread.sleep(100);
      }
    } catch (CibStoreException e) {
      throw new EditException(e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return;
    }
    err.println("WARNING: the CIB does not show " + name + " on " + node + " yet");
  }

  /** {@code status-attr NODE set|show|delete NAME [VALUE]}: transient node attributes. */
  private void statusAttr(List<String> w) throws EditException, CibStoreException {
    String node = ClusterCommands.arg(w, 1, "a node");
    String action = ClusterCommands.arg(w, 2, "set, show or delete");
    String name = ClusterCommands.arg(w, 3, "an attribute name");
    requireNode(store.read(), node);
    List<String> args = new ArrayList<>(List.of("-t", "status", "-N", node, "-n", name));
    switch (action) {
      case "set" -> args.addAll(List.of("-v", ClusterCommands.arg(w, 4, "a value")));
      case "show" -> args.add("-G");
      case "delete" -> args.add("-D");
      default ->
          throw new EditException("status-attr: expected set, show or delete, not " + action);
    }
    ToolResult r = access.tool("crm_attribute", args);
    out.print(r.stdout());
    if (r.exitCode() != 0) {
      throw new EditException(
          "status-attr " + action + " " + name + " on " + node + ": " + r.stderr().strip());
    }
    if (!action.equals("show")) {
      awaitAttribute(node, name, action.equals("set") ? w.get(4) : null);
    }
  }

  /**
   * clearstate: forgets what the CIB records about a node that is down (its state, history and
   * transient attributes), so the cluster stops waiting to fence it. Refused for a member.
   */
  private void clearstate(String node) throws EditException, CibStoreException {
    requireNode(store.read(), node);
    try {
      var view = access.controller();
      if (view.isPresent() && view.get().members().contains(node)) {
        throw new EditException(
            "clearstate: " + node + " is a member of the cluster now; its state is current");
      }
    } catch (ClusterException e) {
      throw new EditException("clearstate: " + e.getMessage());
    }
    store.deleteFromStatus("/cib/status/node_state[@uname='" + node + "']");
    out.println("Cleared the state of " + node);
  }

  private static void requireResource(Document cib, String id) throws EditException {
    if (!StatusSection.isResource(cib, id)) {
      throw new EditException("resource " + id + " does not exist");
    }
  }

  static void requireNode(Document cib, String name) throws EditException {
    Element nodes = CibXml.child(CibXml.child(cib.getDocumentElement(), "configuration"), "nodes");
    if (nodes != null) {
      for (Element n : CibXml.children(nodes)) {
        if (name.equals(n.getAttribute("uname")) || name.equals(n.getAttribute("id"))) {
          return;
        }
      }
    }
    for (Element s : StatusSection.nodeStates(cib)) {
      if (name.equals(StatusSection.uname(s))) {
        return;
      }
    }
    throw new EditException("node " + name + " does not exist");
  }
}
