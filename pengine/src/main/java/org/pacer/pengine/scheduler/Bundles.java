package org.pacer.pengine.scheduler;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.pacer.pengine.model.NvSet;
import org.pacer.pengine.model.ResourceDef;
import org.pacer.pengine.model.Score;

/**
 * Pacemaker's bundle model, built from the parts the scheduler already knows. A bundle {@code B}
 * with {@code replicas} N becomes:
 *
 * <ul>
 *   <li>a clone named {@code B} whose instances are the containers {@code B-docker-0..N-1}
 *       (globally unique, so history names them exactly; at most replicas-per-host per node), so a
 *       constraint on the bundle places the containers and "with B" means with any of them;
 *   <li>per replica, when ip-range-start is set, an IPaddr2 {@code B-ip-<address>} colocated with
 *       and started before its container (constraints added by the parser);
 *   <li>when the bundle has a primitive inside: per replica a guest node {@code B-i}, reached by a
 *       connection {@code B-i} living in container i, and a clone {@code B-clone} ({@code B-master}
 *       when promoted-max is set) of the primitive whose instance i may run only on guest node
 *       {@code B-i}.
 * </ul>
 *
 * The Transition Summary lists a bundle replica by replica (address, container, connection, inner
 * instance), which {@link #order} restores after the parts were built.
 */
final class Bundles {
  private Bundles() {}

  /** Builds a bundle's parts into the cluster's working set. */
  static void build(ResourceBuilder rb, Cluster c, ResourceDef.Bundle b) {
    ResourceDef.Primitive first = container(b, 0);
    CloneRsc containers = new CloneRsc(b.id(), first);
    rb.configure(containers, b.meta());
    containers.cloneMax = b.replicas();
    containers.cloneNodeMax = b.replicasPerHost();
    containers.globallyUnique = true;
    containers.bundle = b;
    c.register(containers);
    c.resources.add(containers);
    for (int i = 0; i < b.replicas(); i++) {
      if (b.ipRangeStart() != null) {
        Primitive ip = (Primitive) rb.create(ip(b, i), null, -1);
        ip.bundlePart = true;
        c.resources.add(ip);
      }
      Primitive box = (Primitive) rb.create(container(b, i), containers, -1);
      box.instance = i;
      box.bundlePart = true;
      containers.instances.add(box);
      if (b.inner() != null) {
        Primitive conn = connection(rb, b, i);
        conn.bundlePart = true;
        c.resources.add(conn);
      }
    }
    if (b.inner() == null) {
      return;
    }
    Map<String, String> cloneMeta = new LinkedHashMap<>();
    cloneMeta.put("clone-max", String.valueOf(b.replicas()));
    cloneMeta.put("clone-node-max", "1");
    if (b.promotedMax() > 0) {
      cloneMeta.put("promotable", "true");
      cloneMeta.put("promoted-max", String.valueOf(b.promotedMax()));
    }
    List<NvSet> meta = new ArrayList<>();
    meta.add(new NvSet(b.id() + "-implied-clone-meta", Score.INFINITY, null, cloneMeta));
    meta.addAll(b.meta());
    // notify, interleave and ordered are set on the inner primitive but mean its clone.
    meta.addAll(b.inner().meta());
    CloneRsc inner =
        (CloneRsc)
            rb.create(new ResourceDef.Clone(b.innerCloneId(), meta, b.inner(), false), null, -1);
    inner.bundle = b;
    c.resources.add(inner);
  }

  /**
   * The connection to replica {@code i}'s guest node: ocf:pacemaker:remote named after the guest,
   * living in the container, with the bundle's meta attributes (is-managed, target-role...).
   */
  private static Primitive connection(ResourceBuilder rb, ResourceDef.Bundle b, int i) {
    Map<String, String> params = new LinkedHashMap<>();
    params.put("addr", b.ipRangeStart() != null ? b.address(i) : "#uname");
    if (b.controlPort() != null) {
      params.put("port", b.controlPort());
    }
    ResourceDef.Primitive def =
        new ResourceDef.Primitive(
            b.guestId(i),
            "ocf",
            "pacemaker",
            "remote",
            b.meta(),
            List.of(new NvSet(b.guestId(i) + "-params", 0, null, params)),
            List.of(),
            List.of());
    Primitive conn = (Primitive) rb.create(def, null, -1);
    conn.allowMigrate = false;
    conn.meta.put("container", b.containerId(i));
    return conn;
  }

  /** The container resource of replica {@code i}, with the guest node it hosts (if any). */
  private static ResourceDef.Primitive container(ResourceDef.Bundle b, int i) {
    List<NvSet> meta = new ArrayList<>();
    if (b.inner() != null) {
      meta.add(
          new NvSet(
              b.containerId(i) + "-implied-meta",
              Score.INFINITY,
              null,
              Map.of("remote-node", b.guestId(i))));
    }
    Map<String, String> params = new LinkedHashMap<>();
    params.put("name", b.containerId(i));
    if (b.image() != null) {
      params.put("image", b.image());
    }
    return new ResourceDef.Primitive(
        b.containerId(i),
        "ocf",
        "heartbeat",
        b.runtime(),
        meta,
        List.of(new NvSet(b.containerId(i) + "-params", 0, null, params)),
        List.of(),
        List.of());
  }

  private static ResourceDef.Primitive ip(ResourceDef.Bundle b, int i) {
    Map<String, String> params = new LinkedHashMap<>();
    params.put("ip", b.address(i));
    if (b.hostInterface() != null) {
      params.put("nic", b.hostInterface());
    }
    params.put("cidr_netmask", b.hostNetmask() == null ? "32" : b.hostNetmask());
    return new ResourceDef.Primitive(
        b.ipId(i),
        "ocf",
        "heartbeat",
        "IPaddr2",
        List.of(),
        List.of(new NvSet(b.ipId(i) + "-params", 0, null, params)),
        List.of(),
        List.of());
  }

  /**
   * Inner instance i may run only on guest node i (so "httpd:1" always lives in "httpd-bundle-1");
   * applied after the location constraints.
   */
  static void pin(Cluster c) {
    banOthersFromReplicas(c);
    for (Rsc r : c.resources) {
      if (!(r instanceof CloneRsc cl) || cl.bundle == null) {
        continue;
      }
      if (cl.id.equals(cl.bundle.id())) {
        // Containers run on cluster and remote nodes, never inside guests.
        for (Primitive box : cl.primitives()) {
          for (ClusterNode n : c.nodes) {
            if (n.kind == ClusterNode.Kind.GUEST) {
              box.weights[n.index] = Locations.ABSENT;
            }
          }
        }
        continue;
      }
      for (Rsc inst : cl.instances) {
        for (Primitive p : inst.primitives()) {
          for (ClusterNode n : c.nodes) {
            if (!guestOf(cl, p, n)) {
              p.weights[n.index] = Locations.ABSENT;
            }
          }
        }
      }
    }
  }

  /**
   * A replica's guest node is for the bundle's own primitive: every other resource scores -INFINITY
   * there, whatever its location constraints say.
   */
  private static void banOthersFromReplicas(Cluster c) {
    for (ResourceDef d : c.cib.resources()) {
      if (!(d instanceof ResourceDef.Bundle b) || b.inner() == null) {
        continue;
      }
      Rsc inner = c.rsc(b.innerCloneId());
      for (int i = 0; i < b.replicas(); i++) {
        ClusterNode n = c.node(b.guestId(i));
        if (n == null) {
          continue;
        }
        for (Rsc r : c.byId.values()) {
          boolean own = r == inner || (inner != null && r.top() == inner);
          if (!own && r.weights[n.index] != Locations.ABSENT) {
            r.weights[n.index] = Score.MINUS_INFINITY;
          }
        }
      }
    }
  }

  private static boolean guestOf(CloneRsc cl, Primitive p, ClusterNode n) {
    return p.instance >= 0 && n.uname.equals(cl.bundle.guestId(p.instance));
  }

  /**
   * How strongly a resource keeps to its container: a bundle's connection only prefers it (its
   * container may run on a remote node, where no connection can), everything else must.
   */
  static int withContainer(Primitive p) {
    return p.bundlePart && p.isRemoteConnection ? 10000 : Score.INFINITY;
  }

  /**
   * The node whose attributes describe {@code p} on {@code n}: with container-attribute-target
   * =host, a bundle's inner resource reads them from the node its container runs on.
   */
  static ClusterNode attributeNode(Primitive p, ClusterNode n) {
    if (n == null
        || !isReplicaNode(n)
        || !"host".equals(p.meta.get("container-attribute-target"))) {
      return n;
    }
    Primitive box = (Primitive) n.connection.container;
    ClusterNode host = box.allocated != null ? box.allocated : box.current();
    return host != null ? host : n;
  }

  /**
   * Whether {@code n} is a bundle replica's guest node. Those keep their instance even when the
   * connection cannot run: its start is then unrunnable (see {@link RemoteOrders}), as Pacemaker
   * reports it ("due to unrunnable B-0 start").
   */
  static boolean isReplicaNode(ClusterNode n) {
    return n.kind == ClusterNode.Kind.GUEST
        && n.connection != null
        && n.connection.container instanceof Primitive box
        && box.bundlePart;
  }

  /** The inner instance that history on guest node {@code n} belongs to, or null. */
  static Primitive instanceOn(CloneRsc clone, ClusterNode n) {
    if (clone.bundle == null || clone.bundle.inner() == null) {
      return null;
    }
    for (Rsc inst : clone.instances) {
      for (Primitive p : inst.primitives()) {
        if (guestOf(clone, p, n)) {
          return p;
        }
      }
    }
    return null;
  }

  /** Whether a probe of {@code p} on {@code n} is pointless: inner instances off their guest. */
  static boolean noProbe(Primitive p, ClusterNode n) {
    CloneRsc cl = p.cloneParent();
    if (cl != null && cl.bundle != null && cl.bundle.inner() == p.def) {
      return !guestOf(cl, p, n);
    }
    return cl != null && cl.bundle != null && n.kind != ClusterNode.Kind.MEMBER;
  }

  /** Puts each bundle's primitives in replica order: address, container, connection, inner. */
  static void order(Cluster c) {
    List<Primitive> all = c.allPrimitives;
    for (ResourceDef d : c.cib.resources()) {
      if (!(d instanceof ResourceDef.Bundle b)) {
        continue;
      }
      List<Primitive> parts = new ArrayList<>();
      for (int i = 0; i < b.replicas(); i++) {
        add(parts, c.rsc(b.ipRangeStart() == null ? null : b.ipId(i)));
        add(parts, c.rsc(b.containerId(i)));
        if (b.inner() != null) {
          add(parts, c.rsc(b.guestId(i)));
          add(parts, c.rsc(b.inner().id() + ":" + i));
        }
      }
      int at = Integer.MAX_VALUE;
      for (Primitive p : parts) {
        at = Math.min(at, all.indexOf(p));
      }
      if (parts.isEmpty() || at < 0) {
        continue;
      }
      all.removeAll(parts);
      all.addAll(Math.min(at, all.size()), parts);
    }
  }

  private static void add(List<Primitive> parts, Rsc r) {
    if (r instanceof Primitive p) {
      parts.add(p);
    }
  }
}
