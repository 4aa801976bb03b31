package org.pacer.crmd.daemon;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.pacer.cib.client.CibClient;
import org.pacer.cib.document.CibError;
import org.pacer.cib.document.CibException;
import org.pacer.cib.document.CibSection;
import org.pacer.cib.ops.CibQuery;
import org.pacer.cib.ops.CibWrite;
import org.pacer.crmd.cib.StatusXml;
import org.pacer.crmd.controller.Input;
import org.pacer.crmd.message.CrmdMessage;
import org.pacer.crmd.message.Member;
import org.pacer.crmd.tools.ExitCodes;
import org.pacer.crmd.tools.ToolBackend;
import org.pacer.crmd.tools.ToolException;

/**
 * The helper commands' view of a running node: membership and transient attributes from the
 * controller (read on its thread), permanent attributes and cluster options from pacer-cib.
 */
final class ControllerToolBackend implements ToolBackend {

  private static final Pattern VALUE = Pattern.compile("\\bvalue=\"([^\"]*)\"");
  private static final Pattern ID = Pattern.compile("\\bid=\"([^\"]*)\"");
  private static final long APPLY_WAIT_MS = 5_000;

  private final ControllerLoop loop;
  private final CibClient cib;

  ControllerToolBackend(ControllerLoop loop, CibClient cib) {
    this.loop = loop;
    this.cib = cib;
  }

  private <T> T read(java.util.function.Function<org.pacer.crmd.controller.Controller, T> f)
      throws ToolException {
    try {
      return loop.read(f);
    } catch (Exception e) {
      throw new ToolException(
          ExitCodes.NOT_CONNECTED, "error: the controller did not answer: " + e.getMessage());
    }
  }

  @Override
  public String localNodeName() throws ToolException {
    return read(c -> c.node().name());
  }

  @Override
  public String localNodeId() throws ToolException {
    return read(c -> c.node().id());
  }

  @Override
  public String nodeIdOf(String name) throws ToolException {
    String id = read(c -> c.nodeIdOf(name));
    if (id == null) {
      throw new ToolException(
          ExitCodes.NOSUCH, "crm_attribute: Could not map name=" + name + " to a UUID");
    }
    return id;
  }

  private String nodeName(String id) throws ToolException {
    for (Member m : read(c -> c.clusterNodes())) {
      if (m.id().equals(id)) {
        return m.name();
      }
    }
    return id;
  }

  @Override
  public Optional<Nvpair> get(Scope scope, String nodeId, String set, String name)
      throws ToolException {
    if (scope == Scope.STATUS) {
      String node = nodeName(nodeId);
      String v = read(c -> c.attributeStore().value(node, name));
      return v == null
          ? Optional.empty()
          : Optional.of(new Nvpair(StatusXml.xmlId("status-" + nodeId + "-" + name), name, v));
    }
    try {
      String xml = cib.query(CibQuery.xpath(xpath(scope, nodeId, name)));
      Matcher id = ID.matcher(xml);
      Matcher value = VALUE.matcher(xml);
      return Optional.of(
          new Nvpair(id.find() ? id.group(1) : name, name, value.find() ? value.group(1) : ""));
    } catch (CibException e) {
      if (e.error() == CibError.NO_SUCH_OBJECT) {
        return Optional.empty();
      }
      throw new ToolException(ExitCodes.ERROR, "crm_attribute: " + e.getMessage());
    }
  }

  @Override
  public void set(Scope scope, String nodeId, String set, String name, String value)
      throws ToolException {
    if (scope == Scope.STATUS) {
      attrdUpdate(nodeName(nodeId), name, value, null, set, false);
      return;
    }
    delete(scope, nodeId, set, name);
    String setId =
        set != null ? set : scope == Scope.NODES ? "nodes-" + nodeId : "cib-bootstrap-options";
    String nv = StatusXml.nvpair(setId, name, value);
    try {
      if (scope == Scope.NODES) {
        cib.write(
            new CibWrite.Modify(
                CibSection.NODES,
                null,
                StatusXml.configNode(nodeId, null, StatusXml.attributeSet(setId, name, value)),
                true),
            null);
      } else {
        cib.write(
            new CibWrite.Modify(
                CibSection.CRM_CONFIG,
                null,
                "<cluster_property_set id=\""
                    + StatusXml.escape(setId)
                    + "\">"
                    + nv
                    + "</cluster_property_set>",
                true),
            null);
      }
    } catch (CibException e) {
      throw new ToolException(ExitCodes.ERROR, "crm_attribute: " + e.getMessage());
    }
  }

  @Override
  public Optional<Nvpair> delete(Scope scope, String nodeId, String set, String name)
      throws ToolException {
    Optional<Nvpair> old = get(scope, nodeId, set, name);
    if (old.isEmpty()) {
      return old;
    }
    if (scope == Scope.STATUS) {
      attrdUpdate(nodeName(nodeId), name, "", null, set, false);
      return old;
    }
    try {
      cib.write(new CibWrite.Delete(null, xpath(scope, nodeId, name), null), null);
    } catch (CibException e) {
      throw new ToolException(ExitCodes.ERROR, "crm_attribute: " + e.getMessage());
    }
    return old;
  }

  private static String xpath(Scope scope, String nodeId, String name) {
    return scope == Scope.NODES
        ? "//configuration/nodes/node[@id='"
            + nodeId
            + "']/instance_attributes/nvpair[@name='"
            + name
            + "']"
        : "//configuration/crm_config/cluster_property_set/nvpair[@name='" + name + "']";
  }

  @Override
  public List<NodeEntry> nodes() throws ToolException {
    return read(
        c -> {
          List<NodeEntry> out = new ArrayList<>();
          List<String> members = c.currentMembers().stream().map(Member::name).toList();
          for (Member m : c.clusterNodes()) {
            out.add(new NodeEntry(m.id(), m.name(), members.contains(m.name())));
          }
          return out;
        });
  }

  @Override
  public List<String> partition() throws ToolException {
    return read(c -> c.currentMembers().stream().map(Member::name).sorted().toList());
  }

  @Override
  public boolean quorate() throws ToolException {
    return read(c -> c.hasQuorum());
  }

  @Override
  public void attrdUpdate(
      String node, String name, String value, Long dampenMs, String set, boolean isPrivate)
      throws ToolException {
    loop.submit(
        new Input.SetAttribute(
            new CrmdMessage.AttrUpdate(node, name, value, dampenMs, set, isPrivate)));
    if (value == null || value.contains("+")) {
      return;
    }
    // Return once this node's replica holds it, as attrd answers once it has the value.
    long deadline = System.currentTimeMillis() + APPLY_WAIT_MS;
    while (System.currentTimeMillis() < deadline) {
      String now =
          read(
              c -> {
                var st = c.attributeStore().state(node, name);
                return st == null ? "" : st.value();
              });
      if (now.equals(value)) {
        return;
      }
      try {
        Thread.sleep(2);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
    throw new ToolException(
        ExitCodes.ERROR, "attrd_updater: the update of " + name + " was not applied in time");
  }

  @Override
  public String cibXml() throws ToolException {
    try {
      return cib.query(CibQuery.whole());
    } catch (CibException e) {
      throw new ToolException(
          ExitCodes.NOT_CONNECTED, "crm_mon: Connection to cluster failed: " + e.getMessage());
    }
  }

  @Override
  public Map<String, String> attrdQuery(String name) throws ToolException {
    return read(
        c -> {
          Map<String, String> out = new HashMap<>();
          for (String node : c.attributeStore().nodes()) {
            String v = c.attributeStore().value(node, name);
            if (v != null) {
              out.put(node, v);
            }
          }
          return out;
        });
  }
}
