package org.pacer.pengine.scheduler;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The cluster as unpacked, before the scheduler decides anything: every node with its state and
 * every resource with where it runs. What status tools (crm_mon's XML and JSON) print; read-only
 * records, so nothing outside the scheduler sees its mutable objects.
 */
public record StatusModel(List<NodeStatus> nodes, List<Resource> resources) {

  /**
   * A node: member, remote or guest, with its state flags and node attributes; {@code container} is
   * the resource a guest node runs in.
   */
  public record NodeStatus(
      String name,
      String id,
      String type,
      boolean online,
      boolean standby,
      boolean standbyOnFail,
      boolean maintenance,
      boolean pending,
      boolean unclean,
      boolean shutdown,
      boolean expectedUp,
      String health,
      int resourcesRunning,
      String container,
      Map<String, String> attributes) {}

  /** A resource of any kind. */
  public sealed interface Resource permits PrimitiveStatus, GroupStatus, CloneStatus {
    String id();
  }

  /**
   * A primitive (or one instance of a cloned one): {@code role} is its current role, {@code nodes}
   * the nodes it is active on, {@code targetRole} the configured target-role or null, {@code
   * pending} the action in flight ("Starting", "Monitoring", ...) or null.
   */
  public record PrimitiveStatus(
      String id,
      String agent,
      String role,
      String targetRole,
      boolean orphaned,
      boolean blocked,
      boolean managed,
      boolean failed,
      boolean failureIgnored,
      String pending,
      String lockedTo,
      List<String> nodes)
      implements Resource {}

  /** A group and its members, in order. */
  public record GroupStatus(String id, boolean managed, boolean disabled, List<Resource> members)
      implements Resource {}

  /** A clone and all its instances (anonymous instances carry the child's id, as crm_mon's). */
  public record CloneStatus(
      String id,
      boolean promotable,
      boolean unique,
      boolean managed,
      boolean disabled,
      String targetRole,
      List<Resource> instances)
      implements Resource {}

  /** The cluster's state as unpacked (call before the scheduler marks or moves anything). */
  static StatusModel of(Cluster c) {
    List<NodeStatus> nodes = new ArrayList<>();
    boolean health = NodeHealth.tracked(c);
    for (ClusterNode n : c.nodes) {
      int running = 0;
      for (Primitive p : c.allPrimitives) {
        if (p.active.containsKey(n)) {
          running++;
        }
      }
      nodes.add(
          new NodeStatus(
              n.uname,
              n.id,
              n.kind.name().toLowerCase(Locale.ROOT),
              n.online,
              n.standby,
              n.standbyOnFail,
              n.maintenance,
              n.pending,
              n.unclean,
              n.shutdown,
              n.expectedUp,
              health ? NodeHealth.colour(n).name().toLowerCase(Locale.ROOT) : "green",
              running,
              guestContainer(n),
              Map.copyOf(n.attributes)));
    }
    List<Resource> resources = new ArrayList<>();
    for (Rsc r : StatusPrinter.byPriority(c.resources)) {
      Resource v = view(r, false);
      if (v != null) {
        resources.add(v);
      }
    }
    return new StatusModel(List.copyOf(nodes), List.copyOf(resources));
  }

  /** The clone's target-role, or (as crm_mon shows it) that of its child. */
  private static String cloneTargetRole(CloneRsc cl) {
    String own = cl.meta == null ? null : cl.meta.get("target-role");
    if (own == null && !cl.instances.isEmpty() && cl.instances.get(0).meta != null) {
      return cl.instances.get(0).meta.get("target-role");
    }
    return own;
  }

  /** The resource a guest node runs in (its connection's container, or the connection). */
  private static String guestContainer(ClusterNode n) {
    if (n.kind != ClusterNode.Kind.GUEST || n.connection == null) {
      return null;
    }
    return n.connection.container != null ? n.connection.container.id : n.connection.id;
  }

  private static Resource view(Rsc r, boolean anonymous) {
    if (r instanceof Primitive p) {
      if (p.orphan && !p.isActive() && p.cloneParent() == null) {
        return null; // (a clone lists its orphaned instances, stopped or not)
      }
      List<String> on = new ArrayList<>();
      for (ClusterNode n : p.runningOn()) {
        on.add(n.uname);
      }
      Role role = p.currentRole();
      String roleText =
          role == Role.UNPROMOTED && !p.isPromotable()
              ? "Started"
              : role == Role.STOPPED ? "Stopped" : role.text();
      String pending = StatusPrinter.pendingText(p);
      if (pending != null && !pending.equals("Monitoring")) {
        roleText = pending; // what is in flight is the role (Starting, Stopping, Migrating)
        pending = null;
      }
      return new PrimitiveStatus(
          anonymous ? p.baseId() : p.id,
          p.agent(),
          roleText,
          p.meta == null ? null : p.meta.get("target-role"),
          p.orphan,
          p.blocked,
          p.managed,
          p.failed,
          p.failureIgnored,
          pending,
          p.runningOn().isEmpty() && p.lockedTo != null ? p.lockedTo.uname : null,
          List.copyOf(on));
    }
    if (r instanceof GroupRsc g) {
      List<Resource> members = new ArrayList<>();
      for (Primitive m : g.members) {
        Resource v = view(m, anonymous);
        if (v != null) {
          members.add(v);
        }
      }
      return new GroupStatus(g.id, g.managed, StatusPrinter.disabled(g), List.copyOf(members));
    }
    if (r instanceof CloneRsc cl) {
      List<Resource> instances = new ArrayList<>();
      for (Rsc inst : cl.instances) {
        Resource v = view(inst, !cl.globallyUnique);
        if (v != null) {
          instances.add(v);
        }
      }
      return new CloneStatus(
          cl.id,
          cl.promotable,
          cl.globallyUnique,
          cl.managed,
          StatusPrinter.disabled(cl),
          cloneTargetRole(cl),
          List.copyOf(instances));
    }
    return null;
  }
}
