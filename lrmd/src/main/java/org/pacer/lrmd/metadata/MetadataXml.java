package org.pacer.lrmd.metadata;

import java.util.Map;

/** Writes meta-data as OCF XML, for agents whose meta-data Pacer generates (LSB, systemd). */
public final class MetadataXml {

  private MetadataXml() {}

  public static String write(AgentMetadata metadata) {
    StringBuilder xml = new StringBuilder();
    xml.append("<?xml version=\"1.0\"?>\n");
    xml.append("<resource-agent name=\"")
        .append(escape(metadata.name()))
        .append("\" version=\"")
        .append(escape(metadata.version()))
        .append("\">\n");
    xml.append("  <version>").append(escape(metadata.ocfVersion())).append("</version>\n");
    xml.append("  <longdesc lang=\"en\">")
        .append(escape(metadata.longDescription()))
        .append("</longdesc>\n");
    xml.append("  <shortdesc lang=\"en\">")
        .append(escape(metadata.shortDescription()))
        .append("</shortdesc>\n");
    xml.append("  <parameters>\n");
    for (ParameterSpec p : metadata.parameters()) {
      xml.append("    <parameter name=\"").append(escape(p.name())).append('"');
      xml.append(" required=\"").append(p.required() ? 1 : 0).append('"');
      xml.append(" unique=\"").append(p.unique() ? 1 : 0).append("\">\n");
      xml.append("      <longdesc lang=\"en\">")
          .append(escape(p.longDescription()))
          .append("</longdesc>\n");
      xml.append("      <shortdesc lang=\"en\">")
          .append(escape(p.shortDescription()))
          .append("</shortdesc>\n");
      xml.append("      <content type=\"").append(escape(p.type())).append('"');
      if (p.defaultValue() != null) {
        xml.append(" default=\"").append(escape(p.defaultValue())).append('"');
      }
      xml.append("/>\n    </parameter>\n");
    }
    xml.append("  </parameters>\n  <actions>\n");
    for (ActionSpec action : metadata.actions()) {
      xml.append("    <action name=\"").append(escape(action.name())).append('"');
      for (Map.Entry<String, String> e : action.attributes().entrySet()) {
        xml.append(' ').append(e.getKey()).append("=\"").append(escape(e.getValue())).append('"');
      }
      xml.append("/>\n");
    }
    xml.append("  </actions>\n</resource-agent>\n");
    return xml.toString();
  }

  static String escape(String text) {
    return text.replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace("\"", "&quot;");
  }
}
