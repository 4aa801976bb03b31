package org.pacer.lrmd.cib;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.pacer.lrmd.agent.AgentClass;
import org.pacer.lrmd.agent.AgentId;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;

/**
 * Reads primitives out of a CIB document (a {@code cib.xml} or the live CIB's XML). Attribute sets
 * are taken in document order, the first value of a name winning; {@code id-ref} sets and {@code
 * rsc_template}s are followed. Rules inside sets are not evaluated: a set with a rule is used only
 * when no set without one gives the name.
 */
public final class CibPrimitives {

  /** Pacemaker's default action timeout when neither the op nor op_defaults give one. */
  public static final long DEFAULT_TIMEOUT_MS = 20_000;

  private final Document document;

  private CibPrimitives(Document document) {
    this.document = document;
  }

  public static CibPrimitives read(Path file) throws IOException, CibFormatException {
    try (InputStream in = Files.newInputStream(file)) {
      return new CibPrimitives(builder().parse(in, file.toString()));
    } catch (SAXException e) {
      throw new CibFormatException(file + " is not well-formed XML: " + e.getMessage());
    }
  }

  public static CibPrimitives parse(String xml) throws CibFormatException {
    try {
      return new CibPrimitives(
          builder()
              .parse(
                  new java.io.ByteArrayInputStream(
                      xml.getBytes(java.nio.charset.StandardCharsets.UTF_8))));
    } catch (SAXException | IOException e) {
      throw new CibFormatException("the CIB is not well-formed XML: " + e.getMessage());
    }
  }

  private static DocumentBuilder builder() throws CibFormatException {
    try {
      DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
      factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
      factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
      factory.setExpandEntityReferences(false);
      return factory.newDocumentBuilder();
    } catch (ParserConfigurationException e) {
      throw new CibFormatException("cannot set up the XML parser: " + e.getMessage());
    }
  }

  /**
   * The primitive {@code id}, or empty when the CIB has no such primitive.
   *
   * @throws CibFormatException when the primitive is there but cannot be used (no class, unknown
   *     class, missing template)
   */
  public Optional<CibPrimitive> primitive(String id) throws CibFormatException {
    Element resources = first(document.getDocumentElement(), "resources");
    if (resources == null) {
      throw new CibFormatException("the CIB has no <resources> section");
    }
    Element primitive = findById(resources, "primitive", id);
    if (primitive == null) {
      return Optional.empty();
    }
    Element template = null;
    if (primitive.hasAttribute("template")) {
      template =
          findById(document.getDocumentElement(), "template", primitive.getAttribute("template"));
      if (template == null) {
        throw new CibFormatException(
            "primitive "
                + id
                + " uses template "
                + primitive.getAttribute("template")
                + ", which does not exist");
      }
    }
    AgentId agent = agent(primitive, template);
    Map<String, String> parameters = new LinkedHashMap<>();
    Map<String, String> meta = new LinkedHashMap<>();
    List<CibPrimitive.Operation> operations = new ArrayList<>();
    for (Element source : template == null ? List.of(primitive) : List.of(primitive, template)) {
      collect(source, "instance_attributes", parameters);
      collect(source, "meta_attributes", meta);
      Element ops = first(source, "operations");
      if (ops != null) {
        for (Element op : children(ops, "op")) {
          operations.add(operation(id, op));
        }
      }
    }
    return Optional.of(new CibPrimitive(id, agent, parameters, meta, operations, defaultTimeout()));
  }

  private AgentId agent(Element primitive, Element template) throws CibFormatException {
    Element source = primitive.hasAttribute("class") || template == null ? primitive : template;
    String className = source.getAttribute("class");
    String id = primitive.getAttribute("id");
    if (className.isEmpty()) {
      throw new CibFormatException("primitive " + id + " has no class");
    }
    AgentClass agentClass =
        AgentClass.fromCibName(className)
            .orElseThrow(
                () ->
                    new CibFormatException(
                        "primitive " + id + " has unknown class '" + className + "'"));
    try {
      return new AgentId(
          agentClass,
          agentClass.hasProvider() ? source.getAttribute("provider") : null,
          source.getAttribute("type"));
    } catch (IllegalArgumentException e) {
      throw new CibFormatException("primitive " + id + ": " + e.getMessage());
    }
  }

  private CibPrimitive.Operation operation(String rsc, Element op) throws CibFormatException {
    try {
      String interval = op.getAttribute("interval");
      String timeout = op.getAttribute("timeout");
      Map<String, String> opMeta = new LinkedHashMap<>();
      collect(op, "meta_attributes", opMeta);
      if (timeout.isEmpty()) {
        timeout = opMeta.getOrDefault("timeout", "");
      }
      return new CibPrimitive.Operation(
          op.getAttribute("name"),
          interval.isEmpty() ? 0 : Durations.millis(interval),
          timeout.isEmpty() ? null : Durations.millis(timeout),
          op.getAttribute("role"));
    } catch (IllegalArgumentException e) {
      throw new CibFormatException(
          "op " + op.getAttribute("id") + " of " + rsc + ": " + e.getMessage());
    }
  }

  private long defaultTimeout() throws CibFormatException {
    Element opDefaults = first(document.getDocumentElement(), "op_defaults");
    if (opDefaults == null) {
      return DEFAULT_TIMEOUT_MS;
    }
    Map<String, String> values = new LinkedHashMap<>();
    collect(opDefaults, "meta_attributes", values);
    String timeout = values.get("timeout");
    try {
      return timeout == null ? DEFAULT_TIMEOUT_MS : Durations.millis(timeout);
    } catch (IllegalArgumentException e) {
      throw new CibFormatException("op_defaults timeout: " + e.getMessage());
    }
  }

  /** Adds the nvpairs of {@code owner}'s sets named {@code setName}; rule-less sets first. */
  private void collect(Element owner, String setName, Map<String, String> into) {
    List<Element> withRules = new ArrayList<>();
    for (Element set : children(owner, setName)) {
      Element resolved = set;
      if (set.hasAttribute("id-ref")) {
        resolved = findById(document.getDocumentElement(), setName, set.getAttribute("id-ref"));
        if (resolved == null) {
          continue;
        }
      }
      if (first(resolved, "rule") != null) {
        withRules.add(resolved);
        continue;
      }
      addPairs(resolved, into);
    }
    withRules.forEach(set -> addPairs(set, into));
  }

  private void addPairs(Element set, Map<String, String> into) {
    for (Element pair : children(set, "nvpair")) {
      Element resolved = pair;
      if (pair.hasAttribute("id-ref")) {
        resolved = findById(document.getDocumentElement(), "nvpair", pair.getAttribute("id-ref"));
        if (resolved == null) {
          continue;
        }
      }
      into.putIfAbsent(resolved.getAttribute("name"), resolved.getAttribute("value"));
    }
  }

  private static Element findById(Element root, String tag, String id) {
    NodeList all = root.getElementsByTagName(tag);
    for (int i = 0; i < all.getLength(); i++) {
      Element e = (Element) all.item(i);
      if (id.equals(e.getAttribute("id"))) {
        return e;
      }
    }
    return null;
  }

  private static Element first(Element parent, String tag) {
    NodeList all = parent.getElementsByTagName(tag);
    return all.getLength() == 0 ? null : (Element) all.item(0);
  }

  private static List<Element> children(Element parent, String tag) {
    List<Element> result = new ArrayList<>();
    for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
      if (n instanceof Element e && e.getTagName().equals(tag)) {
        result.add(e);
      }
    }
    return result;
  }
}
