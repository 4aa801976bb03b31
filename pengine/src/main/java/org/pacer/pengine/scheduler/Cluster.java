package org.pacer.pengine.scheduler;

import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.pacer.pengine.model.Cib;
import org.pacer.pengine.model.ClusterOption;
import org.pacer.pengine.model.ClusterOptions;
import org.pacer.pengine.model.NodeDef;
import org.pacer.pengine.model.NodeState;
import org.pacer.pengine.model.NvSet;
import org.pacer.pengine.model.ResourceDef;
import org.pacer.pengine.rules.RuleContext;

/**
 * The working set of one scheduling run: nodes, resources (with clone instances expanded), options
 * and the time. Built from a {@link Cib}; indexes make lookups constant-time so that no step scans
 * the document again.
 */
final class Cluster {
  final Cib cib;
  final ClusterOptions options;
  final LocalDateTime now;
  final List<ClusterNode> nodes = new ArrayList<>();
  final Map<String, ClusterNode> nodesByName = new HashMap<>();
  final Map<String, ClusterNode> nodesById = new HashMap<>();

  /** Top-level resources in configuration order. */
  final List<Rsc> resources = new ArrayList<>();

  /** Every resource by id, including groups, clones and instances ("rsc:0"). */
  final Map<String, Rsc> byId = new LinkedHashMap<>();

  final List<Primitive> allPrimitives = new ArrayList<>();
  final List<String> warnings = new ArrayList<>();
  final boolean haveQuorum;
  final boolean stonithEnabled;
  final boolean symmetric;
  final String noQuorumPolicy;
  final String placementStrategy;
  ClusterNode dc;

  Cluster(Cib cib, LocalDateTime now) {
    this.cib = cib;
    this.now = now;
    Map<String, String> opts = NvSet.resolve(cib.clusterProperties(), RuleContext.at(now));
    this.options = new ClusterOptions(opts);
    this.haveQuorum = cib.haveQuorum();
    this.stonithEnabled = options.bool(ClusterOption.STONITH_ENABLED);
    this.symmetric = options.bool(ClusterOption.SYMMETRIC_CLUSTER);
    this.noQuorumPolicy = options.get(ClusterOption.NO_QUORUM_POLICY);
    this.placementStrategy = options.get(ClusterOption.PLACEMENT_STRATEGY);
  }

  /** A partition without quorum may not fence (unless told to ignore quorum). */
  /**
   * Whether a node may be fenced: fencing must be on, and a partition without quorum fences only
   * its own members (unless told to ignore quorum): a node it cannot see may be working in the
   * partition that has quorum.
   */
  boolean canFence(ClusterNode n) {
    if (n.kind == ClusterNode.Kind.GUEST) {
      return true; // "fenced" by recovering its holder, which needs no fencing device
    }
    return stonithEnabled && (haveQuorum || "ignore".equals(noQuorumPolicy) || n.online);
  }

  /** Why a resource may not start for lack of quorum, or null when it may. */
  String quorumBlock(Primitive p) {
    if (haveQuorum || "nothing".equals(p.requires) || "unfencing".equals(p.requires)) {
      return null;
    }
    return switch (noQuorumPolicy) {
      case "ignore" -> null;
      case "freeze" -> p.isActive() ? null : "quorum freeze";
      case "demote" -> p.isPromotable() && p.isActive() ? null : "no quorum";
      default -> "no quorum";
    };
  }

  RuleContext ruleContext() {
    return RuleContext.at(now);
  }

  ClusterNode addNode(String id, String uname, ClusterNode.Kind kind) {
    ClusterNode existing = nodesByName.get(uname);
    if (existing != null) {
      return existing;
    }
    ClusterNode n = new ClusterNode(nodes.size(), id, uname, kind);
    nodes.add(n);
    nodesByName.put(uname, n);
    nodesById.putIfAbsent(id, n);
    return n;
  }

  ClusterNode node(String name) {
    ClusterNode n = nodesByName.get(name);
    return n != null ? n : nodesById.get(name);
  }

  Rsc rsc(String id) {
    return byId.get(id);
  }

  int nodeCount() {
    return nodes.size();
  }

  /** Builds nodes from the nodes section, remote/guest resources and node_state entries. */
  void buildNodes() {
    // Guest nodes first: a guest listed in the nodes section (type "remote", to hold its
    // attributes) is still a guest.
    for (ResourceDef r : cib.resources()) {
      if (r instanceof ResourceDef.Bundle) {
        addConnectionNodes(r);
      }
    }
    for (NodeDef d : cib.nodes()) {
      ClusterNode.Kind k =
          "remote".equals(d.type()) ? ClusterNode.Kind.REMOTE : ClusterNode.Kind.MEMBER;
      nodesById.putIfAbsent(d.id(), addNode(d.id(), d.uname(), k));
    }
    for (ResourceDef r : cib.resources()) {
      addConnectionNodes(r);
    }
    addOrphanConnectionNodes();
    for (ClusterNode n : nodes) {
      n.attributes.put("#uname", n.uname);
      n.attributes.put("#id", n.id);
      n.attributes.put(
          "#kind",
          switch (n.kind) {
            case MEMBER -> "cluster";
            case REMOTE -> "remote";
            case GUEST -> "container";
          });
      String cn = options.raw("cluster-name");
      if (cn != null) {
        n.attributes.put("#cluster-name", cn);
      }
    }
    RuleContext ctx = ruleContext();
    for (NodeDef d : cib.nodes()) {
      ClusterNode n = nodesByName.get(d.uname());
      NvSet.resolveInto(n.attributes, d.attributes(), ctx.withNode(n.attributes));
      Map<String, String> util = NvSet.resolve(d.utilization(), ctx.withNode(n.attributes));
      for (var e : util.entrySet()) {
        n.capacity.put(e.getKey(), parseInt(e.getValue()));
      }
    }
    for (NodeState s : cib.status()) {
      ClusterNode n = nodesById.get(s.id());
      if (n == null) {
        n = nodesByName.get(s.uname());
      }
      if (n == null) {
        continue;
      }
      // Transient attributes override permanent ones of the same name.
      n.attributes.putAll(s.transientAttributes());
    }
    if (cib.dcUuid() != null) {
      dc = nodesById.get(cib.dcUuid());
    }
    for (ClusterNode n : nodes) {
      n.attributes.put("#is_dc", n == dc ? "true" : "false");
    }
    // Nodes in plain name order ("node10" before "node2"): ties between equal scores
    // follow it, as they do in Pacemaker.
    nodes.sort((a, b) -> a.uname.compareTo(b.uname));
    for (int i = 0; i < nodes.size(); i++) {
      nodes.get(i).index = i;
    }
  }

  private void addConnectionNodes(ResourceDef r) {
    if (r instanceof ResourceDef.Primitive p) {
      if ("ocf".equals(p.cls()) && "pacemaker".equals(p.provider()) && "remote".equals(p.type())) {
        ClusterNode n = nodesByName.get(p.id());
        if (n == null) {
          addNode(p.id(), p.id(), ClusterNode.Kind.REMOTE);
        }
      } else {
        String guest = NvSet.resolve(p.meta(), ruleContext()).get("remote-node");
        if (guest != null) {
          ClusterNode n = nodesByName.get(guest);
          if (n == null) {
            addNode(guest, guest, ClusterNode.Kind.GUEST);
          }
        }
      }
    } else if (r instanceof ResourceDef.Group g) {
      g.children().forEach(this::addConnectionNodes);
    } else if (r instanceof ResourceDef.Clone c) {
      addConnectionNodes(c.child());
    } else if (r instanceof ResourceDef.Bundle b && b.inner() != null) {
      for (int i = 0; i < b.replicas(); i++) {
        if (nodesByName.get(b.guestId(i)) == null) {
          addNode(b.guestId(i), b.guestId(i), ClusterNode.Kind.GUEST);
        }
      }
    }
  }

  /**
   * A remote or guest node whose connection is no longer configured but still runs (its history is
   * on a cluster node): it stays a node until the orphaned connection has been stopped, so that
   * what runs on it can be moved off first.
   */
  private void addOrphanConnectionNodes() {
    for (NodeState s : cib.status()) {
      if (nodesById.containsKey(s.id()) || nodesByName.containsKey(s.uname())) {
        continue;
      }
      for (NodeState host : cib.status()) {
        for (org.pacer.pengine.model.LrmResource lr : host.resources()) {
          if (lr.id().equals(s.id())
              && "ocf".equals(lr.cls())
              && "pacemaker".equals(lr.provider())
              && "remote".equals(lr.type())) {
            ClusterNode.Kind kind =
                lr.container() != null ? ClusterNode.Kind.GUEST : ClusterNode.Kind.REMOTE;
            addNode(s.id(), s.uname() != null ? s.uname() : s.id(), kind);
          }
        }
      }
    }
  }

  static int parseInt(String v) {
    if (v == null) {
      return 0;
    }
    try {
      return Integer.parseInt(v.trim());
    } catch (NumberFormatException e) {
      return 0;
    }
  }

  void register(Rsc r) {
    byId.put(r.id, r);
    if (r instanceof Primitive p) {
      allPrimitives.add(p);
    }
  }
}
