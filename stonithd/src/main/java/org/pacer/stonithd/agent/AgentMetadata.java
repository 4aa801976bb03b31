package org.pacer.stonithd.agent;

import java.util.LinkedHashSet;
import java.util.Set;
import org.pacer.cib.document.CibException;
import org.pacer.cib.document.XmlParser;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * What an agent's {@code metadata} action says about it: the parameter names it takes and the
 * actions it implements. This decides whether the target goes as {@code port} or {@code plug},
 * whether {@code list} and {@code status} can be used for the host check, and how reboot is done.
 */
public record AgentMetadata(String agent, Set<String> parameters, Set<String> actions) {

  public AgentMetadata {
    parameters = Set.copyOf(parameters);
    actions = Set.copyOf(actions);
  }

  public boolean supports(String action) {
    return actions.contains(action);
  }

  /**
   * @throws IllegalArgumentException saying what is wrong with the text
   */
  public static AgentMetadata parse(String agent, String xml) {
    String text = xml == null ? "" : xml.strip();
    int start = text.indexOf('<');
    if (start < 0) {
      throw new IllegalArgumentException(
          "meta-data of " + agent + " is not XML (" + preview(text) + ")");
    }
    Document doc;
    try {
      doc = XmlParser.parse(text.substring(start), agent + " meta-data");
    } catch (CibException e) {
      throw new IllegalArgumentException(
          "meta-data of " + agent + " is not well-formed XML: " + e.getMessage(), e);
    }
    Element root = doc.getDocumentElement();
    if (!root.getTagName().equals("resource-agent")) {
      throw new IllegalArgumentException(
          "meta-data of "
              + agent
              + " has <"
              + root.getTagName()
              + "> where <resource-agent> belongs");
    }
    Set<String> parameters = new LinkedHashSet<>();
    NodeList params = root.getElementsByTagName("parameter");
    for (int i = 0; i < params.getLength(); i++) {
      String name = ((Element) params.item(i)).getAttribute("name");
      if (!name.isBlank()) {
        parameters.add(name);
      }
    }
    Set<String> actions = new LinkedHashSet<>();
    NodeList acts = root.getElementsByTagName("action");
    for (int i = 0; i < acts.getLength(); i++) {
      String name = ((Element) acts.item(i)).getAttribute("name");
      if (!name.isBlank()) {
        actions.add(name);
      }
    }
    if (actions.isEmpty()) {
      throw new IllegalArgumentException("meta-data of " + agent + " lists no actions");
    }
    return new AgentMetadata(agent, parameters, actions);
  }

  private static String preview(String text) {
    String oneLine = text.replaceAll("\\s+", " ");
    return oneLine.isEmpty()
        ? "empty"
        : "'" + (oneLine.length() > 60 ? oneLine.substring(0, 60) + "..." : oneLine) + "'";
  }
}
