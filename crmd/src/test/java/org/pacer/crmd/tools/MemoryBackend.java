package org.pacer.crmd.tools;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** A cluster held in maps, for tool tests and the client benchmark. */
public final class MemoryBackend implements ToolBackend {

  final String local;
  final Map<String, String> ids = new TreeMap<>();
  final Map<String, Boolean> members = new TreeMap<>();
  final Map<String, Map<String, String>> stored = new HashMap<>();
  final Map<String, Map<String, String>> transients = new TreeMap<>();
  final Map<String, Long> dampening = new HashMap<>();
  boolean quorate = true;

  public MemoryBackend(String local, String... nodes) {
    this.local = local;
    int id = 1;
    for (String n : nodes) {
      ids.put(n, Integer.toString(id++));
      members.put(n, true);
    }
  }

  @Override
  public String localNodeName() {
    return local;
  }

  @Override
  public String localNodeId() {
    return ids.get(local);
  }

  @Override
  public String nodeIdOf(String name) throws ToolException {
    String id = ids.get(name);
    if (id == null) {
      throw new ToolException(
          ExitCodes.NOSUCH, "crm_attribute: Could not map name=" + name + " to a UUID");
    }
    return id;
  }

  private Map<String, String> bucket(Scope scope, String nodeId) {
    return stored.computeIfAbsent(scope + "/" + nodeId, k -> new TreeMap<>());
  }

  @Override
  public Optional<Nvpair> get(Scope scope, String nodeId, String set, String name) {
    String v = bucket(scope, nodeId).get(name);
    return v == null ? Optional.empty() : Optional.of(new Nvpair(name, name, v));
  }

  @Override
  public void set(Scope scope, String nodeId, String set, String name, String value) {
    bucket(scope, nodeId).put(name, value);
  }

  @Override
  public Optional<Nvpair> delete(Scope scope, String nodeId, String set, String name) {
    String v = bucket(scope, nodeId).remove(name);
    return v == null ? Optional.empty() : Optional.of(new Nvpair(name, name, v));
  }

  @Override
  public List<NodeEntry> nodes() {
    List<NodeEntry> out = new ArrayList<>();
    ids.forEach((n, id) -> out.add(new NodeEntry(id, n, members.get(n))));
    return out;
  }

  @Override
  public List<String> partition() {
    List<String> out = new ArrayList<>();
    members.forEach(
        (n, m) -> {
          if (m) {
            out.add(n);
          }
        });
    return out;
  }

  @Override
  public boolean quorate() {
    return quorate;
  }

  @Override
  public void attrdUpdate(
      String node, String name, String value, Long dampenMs, String set, boolean isPrivate) {
    if (dampenMs != null) {
      dampening.put(node + "/" + name, dampenMs);
    }
    if (value != null) {
      Map<String, String> m = transients.computeIfAbsent(name, k -> new TreeMap<>());
      String expanded = org.pacer.crmd.attrs.AttributeStore.expand(name, value, m.get(node));
      if (expanded.isEmpty()) {
        m.remove(node);
      } else {
        m.put(node, expanded);
      }
    }
  }

  @Override
  public String cibXml() throws ToolException {
    throw new ToolException(ExitCodes.NOT_CONNECTED, "no CIB in this test backend");
  }

  @Override
  public Map<String, String> attrdQuery(String name) {
    return Map.copyOf(transients.getOrDefault(name, Map.of()));
  }
}
