package org.pacer.pengine.bench;

import java.util.Random;

/**
 * Generates a CIB for benchmarks: N nodes, R primitives (most standalone, some in groups of five, a
 * few cloned), location preferences, colocations and orderings, and half of the resources running
 * with start and monitor history. Deterministic for a given seed.
 */
public final class CibGenerator {
  private CibGenerator() {}

  public static String generate(int resources, int nodes, long seed) {
    Random rnd = new Random(seed);
    StringBuilder s = new StringBuilder(resources * 600);
    s.append("<cib validate-with=\"pacemaker-3.0\" epoch=\"1\" ")
        .append("num_updates=\"0\" admin_epoch=\"0\" have-quorum=\"1\" dc-uuid=\"1\">\n")
        .append("  <configuration>\n    <crm_config>\n")
        .append("      <cluster_property_set id=\"cib-bootstrap-options\">\n")
        .append("        <nvpair id=\"o-stonith\" name=\"stonith-enabled\" value=\"false\"/>\n")
        .append("      </cluster_property_set>\n    </crm_config>\n    <nodes>\n");
    for (int n = 1; n <= nodes; n++) {
      s.append("      <node id=\"").append(n).append("\" uname=\"node").append(n).append("\"/>\n");
    }
    s.append("    </nodes>\n    <resources>\n");
    int clones = Math.max(1, resources / 50);
    int grouped = (resources / 10) / 5 * 5;
    int plain = resources - clones - grouped;
    String[] where = new String[resources];
    int r = 0;
    for (int i = 0; i < plain; i++, r++) {
      primitive(s, "rsc" + r, "      ");
    }
    for (int g = 0; g < grouped / 5; g++) {
      s.append("      <group id=\"grp").append(g).append("\">\n");
      for (int m = 0; m < 5; m++, r++) {
        primitive(s, "rsc" + r, "        ");
      }
      s.append("      </group>\n");
    }
    int firstClone = r;
    for (int c = 0; c < clones; c++, r++) {
      s.append("      <clone id=\"cl").append(c).append("\">\n");
      s.append("        <meta_attributes id=\"cl")
          .append(c)
          .append("-meta\">\n")
          .append("          <nvpair id=\"cl")
          .append(c)
          .append("-il\" name=\"interleave\" value=\"true\"/>\n        </meta_attributes>\n");
      primitive(s, "rsc" + r, "        ");
      s.append("      </clone>\n");
    }
    s.append("    </resources>\n    <constraints>\n");
    for (int i = 0; i < plain; i += 5) {
      s.append("      <rsc_location id=\"loc")
          .append(i)
          .append("\" rsc=\"rsc")
          .append(i)
          .append("\" node=\"node")
          .append(1 + rnd.nextInt(nodes))
          .append("\" score=\"100\"/>\n");
    }
    for (int i = 1; i + 1 < plain; i += 20) {
      s.append("      <rsc_colocation id=\"col")
          .append(i)
          .append("\" rsc=\"rsc")
          .append(i + 1)
          .append("\" with-rsc=\"rsc")
          .append(i)
          .append("\" score=\"INFINITY\"/>\n");
      s.append("      <rsc_order id=\"ord")
          .append(i)
          .append("\" first=\"rsc")
          .append(i)
          .append("\" then=\"rsc")
          .append(i + 1)
          .append("\"/>\n");
    }
    for (int g = 0; g < grouped / 5 && clones > 0; g += 4) {
      s.append("      <rsc_order id=\"gord")
          .append(g)
          .append("\" first=\"cl")
          .append(g % clones)
          .append("\" then=\"grp")
          .append(g)
          .append("\"/>\n");
    }
    s.append("    </constraints>\n");
    s.append("    <rsc_defaults>\n      <meta_attributes id=\"rsc-options\">\n")
        .append("        <nvpair id=\"rsc-sticky\" name=\"resource-stickiness\" value=\"100\"/>\n")
        .append("      </meta_attributes>\n    </rsc_defaults>\n");
    s.append("  </configuration>\n  <status>\n");
    // Half of the standalone and grouped resources run, each on one node; clones run everywhere.
    for (int i = 0; i < firstClone; i++) {
      if (rnd.nextBoolean()) {
        where[i] = "node" + (1 + rnd.nextInt(nodes));
      }
    }
    // A group runs together, on its first member's node.
    for (int g = 0; g < grouped / 5; g++) {
      int base = plain + g * 5;
      for (int m = 1; m < 5; m++) {
        where[base + m] = where[base];
      }
    }
    int call = 1;
    for (int n = 1; n <= nodes; n++) {
      String node = "node" + n;
      s.append("    <node_state id=\"")
          .append(n)
          .append("\" uname=\"")
          .append(node)
          .append("\" in_ccm=\"true\" crmd=\"online\" join=\"member\" expected=\"member\">\n")
          .append("      <lrm id=\"")
          .append(n)
          .append("\">\n        <lrm_resources>\n");
      for (int i = 0; i < firstClone; i++) {
        if (node.equals(where[i])) {
          running(s, "rsc" + i, call++);
          call++;
        }
      }
      for (int c = 0; c < clones; c++) {
        running(s, "rsc" + (firstClone + c), call++);
        call++;
      }
      s.append("        </lrm_resources>\n      </lrm>\n    </node_state>\n");
    }
    s.append("  </status>\n</cib>\n");
    return s.toString();
  }

  private static void primitive(StringBuilder s, String id, String in) {
    s.append(in)
        .append("<primitive id=\"")
        .append(id)
        .append("\" class=\"ocf\" provider=\"pacemaker\" type=\"Dummy\">\n")
        .append(in)
        .append("  <operations>\n")
        .append(in)
        .append("    <op id=\"")
        .append(id)
        .append("-mon\" name=\"monitor\" interval=\"10s\" timeout=\"20s\"/>\n")
        .append(in)
        .append("  </operations>\n")
        .append(in)
        .append("</primitive>\n");
  }

  private static final String DIGEST = "f2317cad3d54cec5d7d7aa7d0bf35cf8";

  private static void running(StringBuilder s, String id, int call) {
    String key = ":1:0:00000000-0000-0000-0000-000000000000";
    s.append("          <lrm_resource id=\"")
        .append(id)
        .append("\" class=\"ocf\" provider=\"pacemaker\" type=\"Dummy\">\n")
        .append("            <lrm_rsc_op id=\"")
        .append(id)
        .append("_last_0\" operation_key=\"")
        .append(id)
        .append("_start_0\" operation=\"start\" transition-key=\"")
        .append(call)
        .append(key)
        .append("\" transition-magic=\"0:0;")
        .append(call)
        .append(key)
        .append("\" call-id=\"")
        .append(call)
        .append("\" rc-code=\"0\" op-status=\"0\"")
        .append(" interval=\"0\" last-rc-change=\"1700000000\" exec-time=\"10\"")
        .append(" queue-time=\"0\" op-digest=\"")
        .append(DIGEST)
        .append("\"/>\n")
        .append("            <lrm_rsc_op id=\"")
        .append(id)
        .append("_monitor_10000\"")
        .append(" operation_key=\"")
        .append(id)
        .append("_monitor_10000\" operation=\"monitor\" transition-key=\"")
        .append(call + 1)
        .append(key)
        .append("\" transition-magic=\"0:0;")
        .append(call + 1)
        .append(key)
        .append("\" call-id=\"")
        .append(call + 1)
        .append("\" rc-code=\"0\" op-status=\"0\" interval=\"10000\"")
        .append(" last-rc-change=\"1700000000\" exec-time=\"10\" queue-time=\"0\"")
        .append(" op-digest=\"4811cef7f7f94e3a35a70be7916cb2fd\"/>\n")
        .append("          </lrm_resource>\n");
  }
}
