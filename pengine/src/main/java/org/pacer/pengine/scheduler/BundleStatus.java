package org.pacer.pengine.scheduler;

import java.util.List;
import org.pacer.pengine.model.ResourceDef;

/**
 * How crm_simulate shows a bundle in the status: a "Container bundle" header (a "set" when it has
 * several replicas) and one line per replica, named by its guest node (or its container when the
 * bundle has no primitive inside) with its address, showing the inner resource's role on the node
 * its container runs on.
 */
final class BundleStatus {
  private final Cluster c;
  private final boolean revised;

  BundleStatus(Cluster c, boolean revised) {
    this.c = c;
    this.revised = revised;
  }

  /** Whether {@code r} is printed as part of its bundle rather than on its own. */
  static boolean folded(Rsc r) {
    if (r instanceof Primitive p) {
      return p.bundlePart;
    }
    return r instanceof CloneRsc cl && cl.bundle != null && !cl.id.equals(cl.bundle.id());
  }

  void print(CloneRsc containers, String indent, StringBuilder out) {
    ResourceDef.Bundle b = containers.bundle;
    Rsc inner = b.inner() == null ? null : c.rsc(b.innerCloneId());
    boolean managed = containers.managed && (inner == null || inner.managed);
    out.append(indent)
        .append("* Container bundle")
        .append(b.replicas() > 1 ? " set" : "")
        .append(": ")
        .append(b.id())
        .append(" [")
        .append(b.image() == null ? "" : b.image())
        .append("]")
        .append(managed ? "" : " (unmanaged)")
        .append(":\n");
    for (int i = 0; i < b.replicas(); i++) {
      Primitive box = (Primitive) c.rsc(b.containerId(i));
      Primitive in = inner == null ? null : (Primitive) c.rsc(b.inner().id() + ":" + i);
      Primitive shown = in != null ? in : box;
      String name = in != null ? b.guestId(i) : b.containerId(i);
      if (b.ipRangeStart() != null) {
        name += " (" + b.address(i) + ")";
      }
      out.append(indent)
          .append("  * ")
          .append(name)
          .append("\t(")
          .append(shown.agent())
          .append("):\t ")
          .append(state(box, in))
          .append('\n');
    }
  }

  private String state(Primitive box, Primitive in) {
    ClusterNode host = revised ? box.allocated : first(box.runningOn());
    Primitive p = in != null ? in : box;
    boolean running = revised ? p.allocated != null : p.isActive();
    Role role = revised ? (p.nextRole == null ? Role.STOPPED : p.nextRole) : p.currentRole();
    boolean failed = !revised && p.failed;
    StringBuilder s = new StringBuilder();
    if (!running || host == null) {
      s.append("Stopped");
      if (host != null && !p.managed) {
        s.append(' ').append(host.uname);
      }
    } else {
      String word =
          role == Role.PROMOTED
              ? "Promoted"
              : role == Role.UNPROMOTED || p.isPromotable() ? "Unpromoted" : "Started";
      s.append(failed ? "FAILED " + (p.isPromotable() ? word : "") : word);
      if (failed && !p.isPromotable()) {
        s.setLength(s.length() - 1);
      }
      s.append(' ').append(host.uname);
    }
    if (!p.managed || !box.managed) {
      s.append(" (unmanaged)");
    }
    return s.toString();
  }

  private static ClusterNode first(List<ClusterNode> nodes) {
    return nodes.isEmpty() ? null : nodes.get(0);
  }
}
