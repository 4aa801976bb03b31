package org.pacer.crmd.adapter;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import java.util.function.Consumer;
import org.pacer.cib.client.CibClient;
import org.pacer.cib.document.CibError;
import org.pacer.cib.document.CibException;
import org.pacer.cib.document.CibSection;
import org.pacer.cib.ops.CibQuery;
import org.pacer.cib.ops.CibWrite;
import org.pacer.crmd.cib.CibUpdate;
import org.pacer.crmd.cib.StatusXml;
import org.pacer.crmd.history.ResourceHistory;
import org.pacer.crmd.port.CibPort;

/**
 * The controller's CIB writes as pacer-cib writes (cibadmin's create/modify/replace/delete). A part
 * of a node's state is replaced in one write when it exists, else merged in, so readers never see a
 * resource's history missing while it is rewritten.
 */
public final class CibAdapter implements CibPort {

  private final CibClient cib;

  public CibAdapter(CibClient cib) {
    this.cib = cib;
  }

  @Override
  public void apply(CibUpdate u) {
    if (u instanceof CibUpdate.NodeState s) {
      modify(StatusXml.nodeState(s.nodeId(), s.node(), s.attributes()), s.create(), true);
    } else if (u instanceof CibUpdate.NodeEntry n) {
      cib.write(
          new CibWrite.Modify(
              CibSection.NODES, null, StatusXml.configNode(n.nodeId(), n.node(), null), true),
          null);
    } else if (u instanceof CibUpdate.LrmReplace r) {
      replace(
          state(r.nodeId()) + "/lrm",
          StatusXml.lrm(r.nodeId(), r.resources()),
          inState(r.nodeId(), r.node(), StatusXml.lrm(r.nodeId(), r.resources())));
    } else if (u instanceof CibUpdate.LrmResource r) {
      ResourceHistory h = r.resource();
      replace(
          state(r.nodeId()) + "/lrm/lrm_resources/lrm_resource[@id='" + h.resource().id() + "']",
          StatusXml.lrmResource(h),
          inState(
              r.nodeId(),
              r.node(),
              "<lrm id=\""
                  + StatusXml.escape(r.nodeId())
                  + "\"><lrm_resources>"
                  + StatusXml.lrmResource(h)
                  + "</lrm_resources></lrm>"));
    } else if (u instanceof CibUpdate.LrmResourceDelete d) {
      delete(state(d.nodeId()) + "/lrm/lrm_resources/lrm_resource[@id='" + d.resourceId() + "']");
    } else if (u instanceof CibUpdate.LrmErase e) {
      delete(state(e.nodeId()) + "/lrm");
    } else if (u instanceof CibUpdate.TransientAttribute t) {
      String set = t.set() != null ? t.set() : "status-" + t.nodeId();
      if (t.value() == null) {
        delete(state(t.nodeId()) + "/transient_attributes//nvpair[@name='" + t.name() + "']");
      } else {
        modify(
            inState(
                t.nodeId(),
                t.node(),
                "<transient_attributes id=\""
                    + StatusXml.escape(t.nodeId())
                    + "\"><instance_attributes id=\""
                    + StatusXml.escape(set)
                    + "\">"
                    + StatusXml.nvpair(set, t.name(), t.value())
                    + "</instance_attributes></transient_attributes>"),
            true,
            false);
      }
    } else if (u instanceof CibUpdate.TransientAttributesReplace r) {
      replace(
          state(r.nodeId()) + "/transient_attributes",
          StatusXml.transientAttributes(r.nodeId(), r.values()),
          inState(r.nodeId(), r.node(), StatusXml.transientAttributes(r.nodeId(), r.values())));
    } else if (u instanceof CibUpdate.CibAttributes a) {
      StringBuilder sb = new StringBuilder("<cib");
      a.attributes()
          .forEach(
              (k, v) ->
                  sb.append(' ').append(k).append("=\"").append(StatusXml.escape(v)).append('"'));
      cib.write(new CibWrite.Modify(null, "/cib", sb.append("/>").toString(), false), null);
    } else if (u instanceof CibUpdate.ClusterOption o) {
      String set = "cib-bootstrap-options";
      cib.write(
          new CibWrite.Modify(
              CibSection.CRM_CONFIG,
              null,
              "<cluster_property_set id=\""
                  + set
                  + "\">"
                  + StatusXml.nvpair(set, o.name(), o.value())
                  + "</cluster_property_set>",
              true),
          null);
    } else if (u instanceof CibUpdate.NodeAttribute n) {
      String set = "nodes-" + n.nodeId();
      if (n.value() == null) {
        delete(
            "//configuration/nodes/node[@id='"
                + n.nodeId()
                + "']/instance_attributes/nvpair[@name='"
                + n.name()
                + "']");
      } else {
        cib.write(
            new CibWrite.Modify(
                CibSection.NODES,
                null,
                StatusXml.configNode(
                    n.nodeId(), n.node(), StatusXml.attributeSet(set, n.name(), n.value())),
                true),
            null);
      }
    }
  }

  private static String state(String nodeId) {
    return "/cib/status/node_state[@id='" + nodeId + "']";
  }

  private static String inState(String nodeId, String node, String inner) {
    return StatusXml.nodeState(nodeId, node, Map.of()).replace("/>", ">") + inner + "</node_state>";
  }

  private void modify(String xml, boolean create, boolean tolerateMissing) {
    try {
      cib.write(new CibWrite.Modify(CibSection.STATUS, null, xml, create), null);
    } catch (CibException e) {
      if (!(tolerateMissing && !create && e.error() == CibError.NO_SUCH_OBJECT)) {
        throw e;
      }
    }
  }

  /**
   * Replaces the element at {@code xpath} in one write; when it does not exist yet, merges {@code
   * orCreate} (its node_state wrapped around it) instead. Readers never see it missing.
   */
  private void replace(String xpath, String xml, String orCreate) {
    try {
      cib.write(new CibWrite.Replace(null, xpath, xml), null);
    } catch (CibException e) {
      if (e.error() != CibError.NO_SUCH_OBJECT) {
        throw e;
      }
      modify(orCreate, true, false);
    }
  }

  private void delete(String xpath) {
    cib.write(new CibWrite.Delete(null, xpath, null), null);
  }

  @Override
  public String query() {
    return cib.query(CibQuery.whole());
  }

  @Override
  public void subscribe(Consumer<String> onChange) {
    cib.subscribe(
        diff -> {
          for (JsonNode change : diff.path("changes")) {
            String path = change.path("path").asText("");
            if (path.startsWith("/cib/configuration")) {
              onChange.accept("configuration changed (" + diff.path("to").asText() + ")");
              return;
            }
          }
        },
        refresh -> onChange.accept("full refresh"));
  }

  @Override
  public void close() {
    cib.close();
  }
}
