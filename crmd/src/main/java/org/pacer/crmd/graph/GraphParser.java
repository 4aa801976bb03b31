package org.pacer.crmd.graph;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Element;
import org.w3c.dom.NamedNodeMap;
import org.w3c.dom.Node;
import org.xml.sax.SAXException;

/**
 * Reads the {@code <transition_graph>} XML the scheduler writes (the format Pacemaker's scheduler
 * hands its controller) into a {@link TransitionGraph}. Everything the controller relies on is
 * checked here, so the transition runner never meets a half-formed graph: a missing id, an action
 * without a node, a trigger naming no action of the graph are each an error naming the synapse.
 */
public final class GraphParser {

  private GraphParser() {}

  public static TransitionGraph parse(String xml) throws GraphFormatException {
    Element root = readRoot(xml);
    if (!root.getTagName().equals("transition_graph")) {
      throw new GraphFormatException(
          "expected <transition_graph> as the root element, found <" + root.getTagName() + ">");
    }
    int transitionId = intAttr(root, "transition_id", 0, "transition_graph");
    long clusterDelay = timeAttr(root, "cluster-delay", 60_000);
    long stonithTimeout = timeAttr(root, "stonith-timeout", 60_000);
    int batchLimit = intAttr(root, "batch-limit", 0, "transition_graph");
    int migrationLimit = intAttr(root, "migration-limit", -1, "transition_graph");
    long recheckBy = longAttr(root, "recheck-by", 0, "transition_graph");

    List<Synapse> synapses = new ArrayList<>();
    Set<Integer> actionIds = new HashSet<>();
    for (Element syn : children(root, "synapse")) {
      synapses.add(synapse(syn, actionIds));
    }
    for (Synapse s : synapses) {
      for (int input : s.inputs()) {
        if (!actionIds.contains(input)) {
          throw new GraphFormatException(
              "synapse "
                  + s.id()
                  + " waits for action "
                  + input
                  + ", which the graph does not hold");
        }
      }
    }
    return new TransitionGraph(
        transitionId,
        clusterDelay,
        stonithTimeout,
        batchLimit,
        migrationLimit,
        recheckBy,
        synapses);
  }

  private static Synapse synapse(Element syn, Set<Integer> actionIds) throws GraphFormatException {
    int id = intAttr(syn, "id", Integer.MIN_VALUE, "synapse");
    if (id == Integer.MIN_VALUE) {
      throw new GraphFormatException("a <synapse> has no id");
    }
    String where = "synapse " + id;
    int priority = intAttr(syn, "priority", 0, where);
    List<Element> sets = children(syn, "action_set");
    if (sets.size() != 1) {
      throw new GraphFormatException(where + " has " + sets.size() + " <action_set>, expected 1");
    }
    List<GraphAction> actions = new ArrayList<>();
    for (Element a : elementChildren(sets.get(0))) {
      GraphAction action = action(a, where);
      if (!actionIds.add(action.id())) {
        throw new GraphFormatException(where + " repeats action id " + action.id());
      }
      actions.add(action);
    }
    if (actions.isEmpty()) {
      throw new GraphFormatException(where + " has an empty <action_set>");
    }
    List<Integer> inputs = new ArrayList<>();
    for (Element in : children(syn, "inputs")) {
      for (Element trigger : children(in, "trigger")) {
        for (Element ref : elementChildren(trigger)) {
          if (ActionKind.ofElement(ref.getTagName()) == null) {
            throw new GraphFormatException(
                where + " has a trigger on unknown element <" + ref.getTagName() + ">");
          }
          int refId = intAttr(ref, "id", Integer.MIN_VALUE, where + " trigger");
          if (refId == Integer.MIN_VALUE) {
            throw new GraphFormatException(where + " has a trigger without an action id");
          }
          inputs.add(refId);
        }
      }
    }
    return new Synapse(id, priority, actions, inputs);
  }

  private static GraphAction action(Element a, String where) throws GraphFormatException {
    ActionKind kind = ActionKind.ofElement(a.getTagName());
    if (kind == null) {
      throw new GraphFormatException(where + " holds unknown action <" + a.getTagName() + ">");
    }
    int id = intAttr(a, "id", Integer.MIN_VALUE, where);
    if (id == Integer.MIN_VALUE) {
      throw new GraphFormatException(where + " has a <" + a.getTagName() + "> without an id");
    }
    String label = where + " action " + id;
    String operation = required(a, "operation", label);
    String key = a.getAttribute("operation_key");
    String onNode = emptyToNull(a.getAttribute("on_node"));
    String onNodeUuid = emptyToNull(a.getAttribute("on_node_uuid"));
    String router = emptyToNull(a.getAttribute("router_node"));
    ResourceRef resource = null;
    Map<String, String> attributes = new LinkedHashMap<>();
    List<String> downed = new ArrayList<>();
    for (Element child : elementChildren(a)) {
      switch (child.getTagName()) {
        case "primitive" -> resource = primitive(child, label);
        case "attributes" -> attributes(child, attributes);
        case "downed" -> {
          for (Element n : children(child, "node")) {
            downed.add(required(n, "id", label + " downed node"));
          }
        }
        default -> {
          // Elements the controller does not act on are ignored, as a newer scheduler may add some.
        }
      }
    }
    if (kind != ActionKind.PSEUDO_EVENT && onNode == null) {
      throw new GraphFormatException(label + " (" + operation + ") names no on_node");
    }
    if (kind == ActionKind.RSC_OP && resource == null && !GraphAction.isReprobe(operation)) {
      throw new GraphFormatException(label + " (" + key + ") has no <primitive>");
    }
    return new GraphAction(
        id,
        kind,
        operation,
        key.isEmpty() ? operation : key,
        onNode,
        onNodeUuid,
        router,
        resource,
        attributes,
        downed);
  }

  private static ResourceRef primitive(Element p, String label) throws GraphFormatException {
    String id = required(p, "id", label + " primitive");
    String cls = required(p, "class", label + " primitive " + id);
    String type = required(p, "type", label + " primitive " + id);
    return new ResourceRef(
        id,
        emptyToNull(p.getAttribute("long-id")),
        cls,
        emptyToNull(p.getAttribute("provider")),
        type);
  }

  private static void attributes(Element attrs, Map<String, String> into) {
    NamedNodeMap map = attrs.getAttributes();
    for (int i = 0; i < map.getLength(); i++) {
      Node n = map.item(i);
      into.put(n.getNodeName(), n.getNodeValue());
    }
    // Positional parameters of heartbeat-class agents come as <param name="1" value="..."/>.
    for (Element param : children(attrs, "param")) {
      into.put(param.getAttribute("name"), param.getAttribute("value"));
    }
  }

  private static Element readRoot(String xml) throws GraphFormatException {
    try {
      DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
      f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
      f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
      f.setExpandEntityReferences(false);
      DocumentBuilder b = f.newDocumentBuilder();
      b.setErrorHandler(null);
      return b.parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)))
          .getDocumentElement();
    } catch (SAXException e) {
      throw new GraphFormatException("transition graph is not well-formed XML: " + e.getMessage());
    } catch (ParserConfigurationException | IOException e) {
      throw new GraphFormatException("cannot read transition graph: " + e.getMessage(), e);
    }
  }

  static List<Element> children(Element parent, String name) {
    List<Element> out = new ArrayList<>();
    for (Element e : elementChildren(parent)) {
      if (e.getTagName().equals(name)) {
        out.add(e);
      }
    }
    return out;
  }

  static List<Element> elementChildren(Element parent) {
    List<Element> out = new ArrayList<>();
    for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
      if (n instanceof Element e) {
        out.add(e);
      }
    }
    return out;
  }

  private static String required(Element e, String attr, String where) throws GraphFormatException {
    String v = e.getAttribute(attr);
    if (v.isEmpty()) {
      throw new GraphFormatException(where + " has no '" + attr + "' attribute");
    }
    return v;
  }

  private static String emptyToNull(String s) {
    return s == null || s.isEmpty() ? null : s;
  }

  private static int intAttr(Element e, String attr, int dflt, String where)
      throws GraphFormatException {
    long v = longAttr(e, attr, dflt, where);
    if (v > Integer.MAX_VALUE || v < Integer.MIN_VALUE) {
      throw new GraphFormatException(where + ": '" + attr + "' is out of range");
    }
    return (int) v;
  }

  private static long longAttr(Element e, String attr, long dflt, String where)
      throws GraphFormatException {
    String v = e.getAttribute(attr);
    if (v.isEmpty()) {
      return dflt;
    }
    try {
      return Long.parseLong(v.trim());
    } catch (NumberFormatException ex) {
      throw new GraphFormatException(where + ": '" + attr + "' is not an integer: '" + v + "'");
    }
  }

  private static long timeAttr(Element e, String attr, long dflt) throws GraphFormatException {
    String v = e.getAttribute(attr);
    if (v.isEmpty()) {
      return dflt;
    }
    try {
      return TimeSpec.parseMillis(v, false);
    } catch (IllegalArgumentException ex) {
      throw new GraphFormatException("transition_graph '" + attr + "': " + ex.getMessage());
    }
  }

  /** Unused ids are harmless, but a map of all actions is what the runner needs. */
  public static Map<Integer, GraphAction> actionsById(TransitionGraph g) {
    Map<Integer, GraphAction> m = new HashMap<>();
    for (GraphAction a : g.actions()) {
      m.put(a.id(), a);
    }
    return m;
  }
}
