package org.pacer.stonithd;

import java.util.List;

/** CIB snippets for stonithd's tests. */
public final class TestCibs {

  private TestCibs() {}

  public static String nv(String name, String value) {
    return "<nvpair id=\""
        + name
        + "-"
        + Math.abs((name + value).hashCode())
        + "\" name=\""
        + name
        + "\" value=\""
        + value
        + "\"/>";
  }

  /** A stonith primitive with these name, value pairs as its instance attributes. */
  public static String primitive(String id, String agent, String... params) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < params.length; i += 2) {
      sb.append(nv(params[i], params[i + 1]));
    }
    return "<primitive id=\""
        + id
        + "\" class=\"stonith\" type=\""
        + agent
        + "\">"
        + "<instance_attributes id=\""
        + id
        + "-ia\">"
        + sb
        + "</instance_attributes></primitive>";
  }

  public static String nodes(List<String> names) {
    StringBuilder n = new StringBuilder();
    for (String node : names) {
      n.append("<node id=\"").append(node).append("\" uname=\"").append(node).append("\"/>");
    }
    return n.toString();
  }

  /** A whole CIB from its parts (each the inner XML of its section). */
  public static String cib(
      String crmConfig, String nodes, String resources, String constraints, String topology) {
    return "<cib admin_epoch=\"0\" epoch=\"1\" num_updates=\"0\" validate-with=\"pacemaker-3.9\">"
        + "<configuration><crm_config><cluster_property_set id=\"opts\">"
        + crmConfig
        + "</cluster_property_set></crm_config><nodes>"
        + nodes
        + "</nodes><resources>"
        + resources
        + "</resources><constraints>"
        + constraints
        + "</constraints>"
        + topology
        + "</configuration><status/></cib>";
  }
}
