package org.pacer.lrmd.metadata;

import java.io.StringReader;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * Parses OCF meta-data XML. A streaming parser keeps attributes in the order the agent wrote them,
 * which {@code crm ra info} shows. DTDs are never fetched: agents name {@code ra-api-1.dtd}, which
 * is not on the machine and must not be looked up on the network.
 */
public final class MetadataParser {

  private MetadataParser() {}

  public static AgentMetadata parse(String xml) throws MetadataException {
    String trimmed = xml.strip();
    if (trimmed.isEmpty()) {
      throw new MetadataException("the agent printed no meta-data");
    }
    if (!trimmed.startsWith("<")) {
      throw new MetadataException(
          "the agent printed something other than XML: '" + firstLine(trimmed) + "'");
    }
    try {
      return read(factory().createXMLStreamReader(new StringReader(trimmed)));
    } catch (XMLStreamException e) {
      throw new MetadataException(
          "the agent's meta-data is not well-formed XML: " + e.getMessage(), e);
    }
  }

  private static XMLInputFactory factory() {
    XMLInputFactory factory = XMLInputFactory.newFactory();
    factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
    factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
    factory.setProperty(XMLInputFactory.IS_COALESCING, true);
    return factory;
  }

  private static AgentMetadata read(XMLStreamReader in)
      throws XMLStreamException, MetadataException {
    while (in.hasNext() && in.next() != XMLStreamConstants.START_ELEMENT) {
      // Skip the prolog, comments and DOCTYPE.
    }
    if (!in.isStartElement() || !"resource-agent".equals(in.getLocalName())) {
      throw new MetadataException(
          "the meta-data's root element is <"
              + (in.isStartElement() ? in.getLocalName() : "")
              + ">, not <resource-agent>");
    }
    String name = attr(in, "name", "");
    String version = attr(in, "version", "");
    String ocfVersion = "";
    Descriptions descriptions = new Descriptions();
    List<ParameterSpec> parameters = new ArrayList<>();
    List<ActionSpec> actions = new ArrayList<>();
    int depth = 1;
    while (in.hasNext() && depth > 0) {
      int event = in.next();
      if (event == XMLStreamConstants.END_ELEMENT) {
        depth--;
        continue;
      }
      if (event != XMLStreamConstants.START_ELEMENT) {
        continue;
      }
      switch (in.getLocalName()) {
        case "version" -> ocfVersion = in.getElementText().strip();
        case "longdesc", "shortdesc" -> descriptions.read(in);
        case "parameter" -> parameters.add(readParameter(in));
        case "action" -> {
          actions.add(readAction(in));
          skipElement(in);
        }
        case "parameters", "actions" -> depth++;
        default -> skipElement(in);
      }
    }
    return new AgentMetadata(
        name,
        version,
        ocfVersion,
        descriptions.shortText,
        descriptions.longText,
        parameters,
        actions);
  }

  private static ParameterSpec readParameter(XMLStreamReader in) throws XMLStreamException {
    String name = attr(in, "name", "");
    boolean required = flag(attr(in, "required", "0"));
    boolean unique = flag(attr(in, "unique", "0"));
    boolean reloadable = flag(attr(in, "reloadable", "0"));
    String type = "string";
    String defaultValue = null;
    // OCF 1.1 marks it with a <deprecated> element; fence agents with an attribute.
    boolean deprecated = flag(attr(in, "deprecated", "0"));
    Descriptions descriptions = new Descriptions();
    int depth = 1;
    while (in.hasNext() && depth > 0) {
      int event = in.next();
      if (event == XMLStreamConstants.END_ELEMENT) {
        depth--;
      } else if (event == XMLStreamConstants.START_ELEMENT) {
        switch (in.getLocalName()) {
          case "longdesc", "shortdesc" -> descriptions.read(in);
          case "content" -> {
            type = attr(in, "type", "string");
            defaultValue = in.getAttributeValue(null, "default");
            skipElement(in);
          }
          case "deprecated" -> {
            deprecated = true;
            skipElement(in);
          }
          default -> skipElement(in);
        }
      }
    }
    return new ParameterSpec(
        name,
        type,
        defaultValue,
        required,
        unique,
        reloadable,
        deprecated,
        descriptions.shortText,
        descriptions.longText);
  }

  private static ActionSpec readAction(XMLStreamReader in) {
    Map<String, String> attributes = new LinkedHashMap<>();
    for (int i = 0; i < in.getAttributeCount(); i++) {
      String key = in.getAttributeLocalName(i);
      if (!"name".equals(key)) {
        attributes.put(key, in.getAttributeValue(i));
      }
    }
    return new ActionSpec(attr(in, "name", ""), attributes);
  }

  /** Keeps the English description when several languages are given, else the first one. */
  private static final class Descriptions {
    String shortText = "";
    String longText = "";
    boolean shortIsEnglish;
    boolean longIsEnglish;

    void read(XMLStreamReader in) throws XMLStreamException {
      boolean isShort = "shortdesc".equals(in.getLocalName());
      String lang = attr(in, "lang", "en");
      boolean english = lang.startsWith("en");
      String text = in.getElementText();
      if (isShort && (shortText.isEmpty() || english && !shortIsEnglish)) {
        shortText = text;
        shortIsEnglish = english;
      } else if (!isShort && (longText.isEmpty() || english && !longIsEnglish)) {
        longText = text;
        longIsEnglish = english;
      }
    }
  }

  private static void skipElement(XMLStreamReader in) throws XMLStreamException {
    int depth = 1;
    while (in.hasNext() && depth > 0) {
      int event = in.next();
      if (event == XMLStreamConstants.START_ELEMENT) {
        depth++;
      } else if (event == XMLStreamConstants.END_ELEMENT) {
        depth--;
      }
    }
  }

  private static String attr(XMLStreamReader in, String name, String fallback) {
    String value = in.getAttributeValue(null, name);
    return value == null ? fallback : value;
  }

  private static boolean flag(String value) {
    return "1".equals(value) || "true".equalsIgnoreCase(value) || "yes".equalsIgnoreCase(value);
  }

  private static String firstLine(String text) {
    int end = text.indexOf('\n');
    String line = end < 0 ? text : text.substring(0, end);
    return line.length() > 80 ? line.substring(0, 80) + "..." : line;
  }
}
