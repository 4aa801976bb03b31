package org.pacer.crmd.tools;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Element;
import org.w3c.dom.NamedNodeMap;
import org.w3c.dom.Node;

/**
 * {@code crm_mon --output-as=json}: crm_mon's XML result as JSON, by one rule (docs/status.md):
 * each element is an object holding its attributes; a child element becomes a field named by its
 * tag, an array for the elements that repeat (nodes, resources, failures, ...) and an object
 * otherwise; "true"/"false" become booleans and counts and codes become numbers.
 */
final class CrmMonJson {
  /** Elements that may appear more than once under their parent: always arrays. */
  static final Set<String> LISTS =
      Set.of("node", "resource", "group", "clone", "attribute", "failure", "error");

  /** Attributes holding numbers. */
  static final Set<String> NUMBERS =
      Set.of(
          "number",
          "disabled",
          "blocked",
          "resources_running",
          "nodes_running_on",
          "number_resources",
          "exitcode",
          "call",
          "queued",
          "exec",
          "interval",
          "code",
          "stonith-timeout-ms",
          "priority-fencing-delay-ms");

  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private CrmMonJson() {}

  static String of(String xml) throws ToolException {
    try {
      DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
      f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
      Element root =
          f.newDocumentBuilder()
              .parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)))
              .getDocumentElement();
      ObjectNode top = JSON.createObjectNode();
      top.set(root.getTagName(), object(root));
      return JSON.writeValueAsString(top) + "\n";
    } catch (Exception e) {
      throw new ToolException(ExitCodes.ERROR, CrmMon.TOOL + ": cannot write JSON: " + e);
    }
  }

  private static ObjectNode object(Element e) {
    ObjectNode o = JSON.createObjectNode();
    NamedNodeMap attrs = e.getAttributes();
    for (int i = 0; i < attrs.getLength(); i++) {
      Node a = attrs.item(i);
      String name = a.getNodeName();
      String v = a.getNodeValue();
      if (v.equals("true") || v.equals("false")) {
        o.put(name, Boolean.parseBoolean(v));
      } else if (NUMBERS.contains(name) && v.matches("-?\\d{1,18}")) {
        o.put(name, Long.parseLong(v));
      } else {
        o.put(name, v);
      }
    }
    String text = null;
    for (Node n = e.getFirstChild(); n != null; n = n.getNextSibling()) {
      if (n instanceof Element c) {
        if (LISTS.contains(c.getTagName())) {
          ArrayNode list =
              o.has(c.getTagName())
                  ? (ArrayNode) o.get(c.getTagName())
                  : o.putArray(c.getTagName());
          list.add(object(c));
        } else {
          o.set(c.getTagName(), object(c));
        }
      } else if (n.getNodeType() == Node.TEXT_NODE && !n.getNodeValue().isBlank()) {
        text = n.getNodeValue().trim();
      }
    }
    if (text != null) {
      o.put("text", text);
    }
    return o;
  }
}
