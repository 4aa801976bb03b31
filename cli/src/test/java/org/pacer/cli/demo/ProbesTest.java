package org.pacer.cli.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** How the demo reads where a resource runs from the status section. */
class ProbesTest {

  private static String op(String id, String operation, int rc) {
    return "<lrm_rsc_op id=\"" + id + "\" operation=\"" + operation + "\" rc-code=\"" + rc + "\"/>";
  }

  private static String node(String name, boolean member, String... ops) {
    return "<node_state id=\""
        + name
        + "\" uname=\""
        + name
        + "\" in_ccm=\""
        + member
        + "\"><lrm><lrm_resources><lrm_resource id=\"x\">"
        + String.join("", ops)
        + "</lrm_resource></lrm_resources></lrm></node_state>";
  }

  @Test
  void aResourceRunsWhereItsLastOperationStartedOrFoundItOnAMember() throws Exception {
    String status =
        "<status>"
            + node("n1", true, op("web_last_0", "start", 0), op("web_monitor_5000", "monitor", 0))
            + node("n2", true, op("web_last_0", "stop", 0))
            + node("n3", true, op("web_last_0", "monitor", 0))
            + node("n4", false, op("web_last_0", "start", 0))
            + node("n5", true, op("web_last_0", "start", 1))
            + node("n6", true, op("website_last_0", "start", 0))
            + "</status>";
    assertEquals(List.of("n1", "n3"), Probes.runningOn(status, "web"));
  }

  @Test
  void cloneInstancesCountForTheirPrimitive() throws Exception {
    String status =
        "<status>"
            + node("n1", true, op("base:0_last_0", "start", 0))
            + node("n2", true, op("base:1_last_0", "start", 0), op("base:2_last_0", "stop", 0))
            + node("n3", true, op("basement:0_last_0", "start", 0))
            + "</status>";
    assertEquals(List.of("n1", "n2"), Probes.runningOn(status, "base"));
  }
}
