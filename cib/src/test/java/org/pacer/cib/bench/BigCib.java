package org.pacer.cib.bench;

/**
 * A valid CIB of about the requested size, shaped like a large real one: many resources with
 * parameters and operations, and a status section with an operation history per resource.
 */
final class BigCib {
  private BigCib() {}

  static String xml(int bytes) {
    StringBuilder resources = new StringBuilder();
    StringBuilder status = new StringBuilder();
    int nodes = 8;
    int i = 0;
    StringBuilder[] lrm = new StringBuilder[nodes];
    for (int n = 0; n < nodes; n++) {
      lrm[n] = new StringBuilder();
    }
    while (resources.length() + status.length() + lrm[0].length() * nodes < bytes) {
      String id = "rsc" + i;
      resources
          .append("<primitive id=\"")
          .append(id)
          .append("\" class=\"ocf\" provider=\"heartbeat\" type=\"Dummy\">")
          .append("<instance_attributes id=\"")
          .append(id)
          .append("-ia\">")
          .append("<nvpair id=\"")
          .append(id)
          .append("-state\" name=\"state\" value=\"/run/")
          .append(id)
          .append(".state\"/>")
          .append("</instance_attributes><operations>")
          .append("<op id=\"")
          .append(id)
          .append("-mon\" name=\"monitor\" interval=\"10s\" timeout=\"20s\"/>")
          .append("</operations></primitive>");
      for (int n = 0; n < nodes; n++) {
        lrm[n]
            .append("<lrm_resource id=\"")
            .append(id)
            .append("\" class=\"ocf\" provider=\"heartbeat\" type=\"Dummy\">")
            .append("<lrm_rsc_op id=\"")
            .append(id)
            .append("_last_0\" operation=\"monitor\" call-id=\"")
            .append(i)
            .append(
                "\" rc-code=\"7\" op-status=\"0\" interval=\"0\" op-digest=\"f2317cad3d54cec5d7d7aa7d0bf35cf8\"")
            .append(
                " transition-key=\"1:2:7:8cc4efb2-231d-4b4e-ae7e-99f491914ff5\"/></lrm_resource>");
      }
      i++;
    }
    StringBuilder nodeList = new StringBuilder();
    for (int n = 0; n < nodes; n++) {
      nodeList
          .append("<node id=\"")
          .append(n + 1)
          .append("\" uname=\"big")
          .append(n + 1)
          .append("\"/>");
      status
          .append("<node_state id=\"")
          .append(n + 1)
          .append("\" uname=\"big")
          .append(n + 1)
          .append("\" crmd=\"online\"><lrm id=\"")
          .append(n + 1)
          .append("\"><lrm_resources>")
          .append(lrm[n])
          .append("</lrm_resources></lrm></node_state>");
    }
    return "<cib admin_epoch=\"1\" epoch=\"1\" num_updates=\"0\" validate-with=\"pacemaker-3.9\">"
        + "<configuration><crm_config/><nodes>"
        + nodeList
        + "</nodes><resources>"
        + resources
        + "</resources><constraints/></configuration><status>"
        + status
        + "</status></cib>";
  }
}
