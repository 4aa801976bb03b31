package org.pacer.stonithd.coordination;

/** CIB snippets for the simulation's configurations. */
final class CibFencingReaderTestSupport {
  private CibFencingReaderTestSupport() {}

  static String nv(String name, String value) {
    return "<nvpair id=\""
        + name
        + "-"
        + Math.abs(value.hashCode())
        + "\" name=\""
        + name
        + "\" value=\""
        + value
        + "\"/>";
  }

  static String primitive(String id, String nvpairs) {
    return "<primitive id=\""
        + id
        + "\" class=\"stonith\" type=\"fence_sim\">"
        + "<instance_attributes id=\""
        + id
        + "-ia\">"
        + nvpairs
        + "</instance_attributes></primitive>";
  }

  static String cib(String nodes, String resources, String constraints, String topology) {
    return "<cib admin_epoch=\"0\" epoch=\"1\" num_updates=\"0\" validate-with=\"pacemaker-3.9\">"
        + "<configuration><crm_config/><nodes>"
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
