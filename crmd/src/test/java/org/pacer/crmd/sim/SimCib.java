package org.pacer.crmd.sim;

import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import org.pacer.crmd.cib.CibUpdate;
import org.pacer.crmd.history.ResourceHistory;

/**
 * One node's copy of the CIB status, held as maps: what the controller wrote through {@link
 * CibUpdate}s. The simulated cib group applies a write to every copy in the writer's partition.
 */
final class SimCib {

  final Map<String, Map<String, String>> nodeState = new TreeMap<>();
  final Map<String, Map<String, ResourceHistory>> lrm = new TreeMap<>();
  final Map<String, Map<String, String>> transientAttrs = new TreeMap<>();
  final Map<String, String> cibAttrs = new HashMap<>();

  void apply(CibUpdate u) {
    if (u instanceof CibUpdate.NodeState s) {
      if (s.create() || nodeState.containsKey(s.node())) {
        nodeState.computeIfAbsent(s.node(), k -> new HashMap<>()).putAll(s.attributes());
      }
    } else if (u instanceof CibUpdate.LrmReplace r) {
      Map<String, ResourceHistory> m = new TreeMap<>();
      for (ResourceHistory h : r.resources()) {
        m.put(h.resource().id(), h);
      }
      lrm.put(r.node(), m);
    } else if (u instanceof CibUpdate.LrmResource r) {
      lrm.computeIfAbsent(r.node(), k -> new TreeMap<>())
          .put(r.resource().resource().id(), r.resource());
    } else if (u instanceof CibUpdate.LrmResourceDelete d) {
      lrm.computeIfAbsent(d.node(), k -> new TreeMap<>()).remove(d.resourceId());
    } else if (u instanceof CibUpdate.LrmErase e) {
      lrm.remove(e.node());
    } else if (u instanceof CibUpdate.TransientAttribute t) {
      Map<String, String> m = transientAttrs.computeIfAbsent(t.node(), k -> new TreeMap<>());
      if (t.value() == null) {
        m.remove(t.name());
      } else {
        m.put(t.name(), t.value());
      }
    } else if (u instanceof CibUpdate.TransientAttributesReplace r) {
      transientAttrs.put(r.node(), new TreeMap<>(r.values()));
    } else if (u instanceof CibUpdate.CibAttributes a) {
      cibAttrs.putAll(a.attributes());
    } else if (u instanceof CibUpdate.NodeAttribute
        || u instanceof CibUpdate.NodeEntry
        || u instanceof CibUpdate.ClusterOption) {
      // Permanent attributes are configuration; the simulated scheduler does not use them.
    }
  }

  SimCib copy() {
    SimCib c = new SimCib();
    nodeState.forEach((k, v) -> c.nodeState.put(k, new HashMap<>(v)));
    lrm.forEach((k, v) -> c.lrm.put(k, new TreeMap<>(v)));
    transientAttrs.forEach((k, v) -> c.transientAttrs.put(k, new TreeMap<>(v)));
    c.cibAttrs.putAll(cibAttrs);
    return c;
  }
}
