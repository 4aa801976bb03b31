package org.pacer.crmd.cib;

import java.util.Map;
import java.util.TreeMap;
import org.pacer.crmd.graph.ResourceRef;
import org.pacer.crmd.history.OpRecord;
import org.pacer.crmd.history.ResourceHistory;

/**
 * Renders the status section's elements the way Pacemaker's CIB holds them ({@code node_state},
 * {@code lrm}, {@code lrm_resource}, {@code lrm_rsc_op}, {@code transient_attributes}), so the
 * scheduler, crm_mon-style views and Pacemaker's own tools read what the controller writes.
 */
public final class StatusXml {

  /** The feature set written with every operation record. */
  public static final String FEATURE_SET = "3.16.1";

  private StatusXml() {}

  /** {@code <node_state id uname ATTRS/>} without children (a merge of these attributes). */
  public static String nodeState(String nodeId, String node, Map<String, String> attributes) {
    StringBuilder sb = new StringBuilder("<node_state");
    attr(sb, "id", nodeId);
    attr(sb, "uname", node);
    new TreeMap<>(attributes).forEach((k, v) -> attr(sb, k, v));
    return sb.append("/>").toString();
  }

  /**
   * A configuration {@code <node id uname>} holding {@code inner} (or empty when null): what the DC
   * merges into {@code <nodes>} for each member, and permanent node attributes go in.
   */
  public static String configNode(String nodeId, String node, String inner) {
    StringBuilder sb = new StringBuilder("<node");
    attr(sb, "id", nodeId);
    if (node != null) {
      attr(sb, "uname", node);
    }
    return inner == null
        ? sb.append("/>").toString()
        : sb.append('>').append(inner).append("</node>").toString();
  }

  /** {@code <instance_attributes id=SET>} holding one nvpair named {@code name}. */
  public static String attributeSet(String setId, String name, String value) {
    StringBuilder sb = new StringBuilder("<instance_attributes");
    attr(sb, "id", setId);
    return sb.append('>')
        .append(nvpair(setId, name, value))
        .append("</instance_attributes>")
        .toString();
  }

  /** {@code <lrm id><lrm_resources>...</lrm_resources></lrm>}. */
  public static String lrm(String nodeId, Iterable<ResourceHistory> resources) {
    StringBuilder sb = new StringBuilder("<lrm");
    attr(sb, "id", nodeId);
    sb.append("><lrm_resources>");
    for (ResourceHistory h : resources) {
      sb.append(lrmResource(h));
    }
    return sb.append("</lrm_resources></lrm>").toString();
  }

  public static String lrmResource(ResourceHistory h) {
    ResourceRef r = h.resource();
    StringBuilder sb = new StringBuilder("<lrm_resource");
    attr(sb, "id", r.id());
    attr(sb, "type", r.type());
    attr(sb, "class", r.agentClass());
    if (r.provider() != null) {
      attr(sb, "provider", r.provider());
    }
    sb.append('>');
    for (OpRecord op : h.ops()) {
      sb.append(op(op));
    }
    return sb.append("</lrm_resource>").toString();
  }

  public static String op(OpRecord op) {
    StringBuilder sb = new StringBuilder("<lrm_rsc_op");
    attr(sb, "id", op.id());
    attr(sb, "operation_key", op.operationKey());
    attr(sb, "operation", op.operation());
    attr(sb, "crm-debug-origin", "pacer-crmd");
    attr(sb, "crm_feature_set", FEATURE_SET);
    attr(sb, "transition-key", op.transitionKey());
    attr(sb, "transition-magic", op.transitionMagic());
    attr(sb, "exit-reason", op.exitReason());
    attr(sb, "call-id", Integer.toString(op.callId()));
    attr(sb, "rc-code", Integer.toString(op.rcCode()));
    attr(sb, "op-status", Integer.toString(op.opStatus()));
    attr(sb, "interval", Long.toString(op.intervalMs()));
    attr(sb, "last-rc-change", Long.toString(op.lastRcChange()));
    attr(sb, "exec-time", Long.toString(op.execTimeMs()));
    attr(sb, "queue-time", Long.toString(op.queueTimeMs()));
    if (!op.opDigest().isEmpty()) {
      attr(sb, "op-digest", op.opDigest());
    }
    return sb.append("/>").toString();
  }

  /** {@code <transient_attributes>} holding these values in the node's status set. */
  public static String transientAttributes(String nodeId, Map<String, String> values) {
    StringBuilder sb = new StringBuilder("<transient_attributes");
    attr(sb, "id", nodeId);
    sb.append("><instance_attributes");
    String set = "status-" + nodeId;
    attr(sb, "id", set);
    sb.append('>');
    new TreeMap<>(values).forEach((name, value) -> sb.append(nvpair(set, name, value)));
    return sb.append("</instance_attributes></transient_attributes>").toString();
  }

  /** {@code <nvpair id="SET-NAME" name value/>}, the id made a valid XML id. */
  public static String nvpair(String setId, String name, String value) {
    StringBuilder sb = new StringBuilder("<nvpair");
    attr(sb, "id", xmlId(setId + "-" + name));
    attr(sb, "name", name);
    attr(sb, "value", value);
    return sb.append("/>").toString();
  }

  /** Replaces what an XML id may not hold ({@code :}, {@code #}, spaces...) with dots. */
  public static String xmlId(String raw) {
    StringBuilder sb = new StringBuilder(raw.length());
    for (int i = 0; i < raw.length(); i++) {
      char ch = raw.charAt(i);
      boolean ok = Character.isLetterOrDigit(ch) || ch == '_' || ch == '-' || ch == '.';
      sb.append(ok ? ch : '.');
    }
    return sb.toString();
  }

  private static void attr(StringBuilder sb, String name, String value) {
    sb.append(' ').append(name).append("=\"").append(escape(value)).append('"');
  }

  public static String escape(String v) {
    if (v == null) {
      return "";
    }
    StringBuilder sb = new StringBuilder(v.length());
    for (int i = 0; i < v.length(); i++) {
      char ch = v.charAt(i);
      switch (ch) {
        case '&' -> sb.append("&amp;");
        case '<' -> sb.append("&lt;");
        case '>' -> sb.append("&gt;");
        case '"' -> sb.append("&quot;");
        case '\n' -> sb.append("&#10;");
        default -> sb.append(ch);
      }
    }
    return sb.toString();
  }
}
