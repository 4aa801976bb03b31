package org.pacer.it.harness;

import java.nio.file.Path;
import java.util.Map;

/** CIB configuration fragments the tests write: options, test resources, groups, clones. */
public final class ClusterConfig {
  private ClusterConfig() {}

  /** The cib-bootstrap-options set with these options (merged into what is there). */
  public static String options(Map<String, String> options) {
    StringBuilder xml = new StringBuilder("<cluster_property_set id=\"cib-bootstrap-options\">");
    options.forEach(
        (name, value) ->
            xml.append("<nvpair id=\"opt-")
                .append(name)
                .append("\" name=\"")
                .append(name)
                .append("\" value=\"")
                .append(value)
                .append("\"/>"));
    return xml.append("</cluster_property_set>").toString();
  }

  /**
   * An {@code ocf:pacer:Logged} primitive logging to {@code logDir}, monitored every {@code
   * monitorS} seconds (promotable ones also in the promoted role). {@code failFile} may be null.
   */
  public static String logged(
      String id, Path logDir, int monitorS, boolean promotable, Path failFile) {
    StringBuilder xml = new StringBuilder();
    xml.append("<primitive id=\"").append(id).append("\" class=\"ocf\" provider=\"pacer\"");
    xml.append(" type=\"Logged\"><instance_attributes id=\"").append(id).append("-ia\">");
    nvpair(xml, id + "-log", "log_dir", logDir.toString());
    if (promotable) {
      nvpair(xml, id + "-prom", "promotable", "true");
    }
    if (failFile != null) {
      nvpair(xml, id + "-fail", "fail_file", failFile.toString());
    }
    xml.append("</instance_attributes><operations>");
    xml.append("<op id=\"").append(id).append("-mon\" name=\"monitor\" interval=\"");
    xml.append(monitorS).append("s\" timeout=\"20s\"/>");
    if (promotable) {
      xml.append("<op id=\"").append(id).append("-mon-p\" name=\"monitor\" interval=\"");
      xml.append(monitorS - 1).append("s\" role=\"Promoted\" timeout=\"20s\"/>");
    }
    return xml.append("</operations></primitive>").toString();
  }

  public static String group(String id, String... primitives) {
    return "<group id=\"" + id + "\">" + String.join("", primitives) + "</group>";
  }

  public static String clone(String id, String primitive) {
    return "<clone id=\"" + id + "\">" + primitive + "</clone>";
  }

  public static String promotable(String id, String primitive, int promotedMax) {
    return "<clone id=\""
        + id
        + "\"><meta_attributes id=\""
        + id
        + "-meta\"><nvpair id=\""
        + id
        + "-promotable\" name=\"promotable\" value=\"true\"/><nvpair id=\""
        + id
        + "-pmax\" name=\"promoted-max\" value=\""
        + promotedMax
        + "\"/></meta_attributes>"
        + primitive
        + "</clone>";
  }

  private static void nvpair(StringBuilder xml, String id, String name, String value) {
    xml.append("<nvpair id=\"")
        .append(id)
        .append("\" name=\"")
        .append(name)
        .append("\" value=\"")
        .append(value)
        .append("\"/>");
  }
}
