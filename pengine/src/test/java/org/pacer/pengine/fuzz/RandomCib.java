package org.pacer.pengine.fuzz;

import java.util.Random;

/**
 * Random small CIBs for differential testing: a few nodes (some offline or in standby), a few
 * primitives (some grouped, one maybe cloned), random location scores, colocations, orderings and
 * stickiness, and a random status (running, stopped, failed with fail counts).
 */
final class RandomCib {
  private static final String[] SCORES = {"-INFINITY", "-100", "0", "50", "100", "INFINITY"};

  private RandomCib() {}

  static String generate(long seed) {
    Random rnd = new Random(seed);
    int nodes = 2 + rnd.nextInt(4);
    int rscs = 1 + rnd.nextInt(7);
    StringBuilder s = new StringBuilder();
    s.append("<cib validate-with=\"pacemaker-3.0\" epoch=\"1\" num_updates=\"0\" admin_epoch=\"0\"")
        .append(" have-quorum=\"")
        .append(rnd.nextInt(10) == 0 ? 0 : 1)
        .append("\">\n")
        .append("<configuration><crm_config><cluster_property_set id=\"o\">")
        .append("<nvpair id=\"o1\" name=\"stonith-enabled\" value=\"false\"/>")
        .append("<nvpair id=\"o2\" name=\"no-quorum-policy\" value=\"")
        .append(new String[] {"stop", "ignore", "freeze"}[rnd.nextInt(3)])
        .append("\"/>")
        .append("</cluster_property_set></crm_config>\n<nodes>");
    for (int n = 1; n <= nodes; n++) {
      s.append("<node id=\"").append(n).append("\" uname=\"node").append(n).append("\">");
      if (rnd.nextInt(8) == 0) {
        s.append("<instance_attributes id=\"na")
            .append(n)
            .append("\"><nvpair id=\"sb")
            .append(n)
            .append("\" name=\"standby\" value=\"on\"/></instance_attributes>");
      }
      s.append("</node>");
    }
    s.append("</nodes>\n<resources>");
    boolean group = rscs >= 3 && rnd.nextBoolean();
    boolean clone = rnd.nextInt(3) == 0;
    for (int r = 0; r < rscs; r++) {
      if (group && r == 1) {
        s.append("<group id=\"g\">");
      }
      if (clone && r == rscs - 1) {
        s.append("<clone id=\"c\">");
      }
      s.append("<primitive id=\"r")
          .append(r)
          .append("\" class=\"ocf\" provider=\"pacemaker\" type=\"Dummy\">");
      if (rnd.nextInt(3) == 0) {
        s.append("<meta_attributes id=\"m")
            .append(r)
            .append("\">")
            .append("<nvpair id=\"st")
            .append(r)
            .append("\" name=\"resource-stickiness\" value=\"")
            .append(rnd.nextInt(200))
            .append("\"/>");
        if (rnd.nextInt(4) == 0) {
          s.append("<nvpair id=\"mt")
              .append(r)
              .append("\" name=\"migration-threshold\" value=\"2\"/>");
        }
        if (rnd.nextInt(6) == 0) {
          s.append("<nvpair id=\"tr")
              .append(r)
              .append("\" name=\"target-role\" value=\"Stopped\"/>");
        }
        s.append("</meta_attributes>");
      }
      s.append("</primitive>");
      if (clone && r == rscs - 1) {
        s.append("</clone>");
      }
      if (group && r == 2) {
        s.append("</group>");
      }
    }
    s.append("</resources>\n<constraints>");
    int k = 0;
    for (int r = 0; r < rscs; r++) {
      if (rnd.nextBoolean()) {
        s.append("<rsc_location id=\"l")
            .append(k++)
            .append("\" rsc=\"")
            .append(top(r, group, clone, rscs))
            .append("\" node=\"node")
            .append(1 + rnd.nextInt(nodes))
            .append("\" score=\"")
            .append(SCORES[rnd.nextInt(SCORES.length)])
            .append("\"/>");
      }
    }
    for (int i = 0; i < rnd.nextInt(3); i++) {
      int a = rnd.nextInt(rscs);
      int b = rnd.nextInt(rscs);
      String ta = top(a, group, clone, rscs);
      String tb = top(b, group, clone, rscs);
      if (ta.equals(tb)) {
        continue;
      }
      if (rnd.nextBoolean()) {
        s.append("<rsc_colocation id=\"cl")
            .append(i)
            .append("\" rsc=\"")
            .append(ta)
            .append("\" with-rsc=\"")
            .append(tb)
            .append("\" score=\"")
            .append(SCORES[rnd.nextInt(SCORES.length)])
            .append("\"/>");
      } else {
        s.append("<rsc_order id=\"or")
            .append(i)
            .append("\" first=\"")
            .append(ta)
            .append("\" then=\"")
            .append(tb)
            .append("\" kind=\"")
            .append(rnd.nextBoolean() ? "Mandatory" : "Optional")
            .append("\"/>");
      }
    }
    s.append("</constraints></configuration>\n<status>");
    int call = 1;
    for (int n = 1; n <= nodes; n++) {
      boolean online = n == 1 || rnd.nextInt(6) != 0;
      s.append("<node_state id=\"")
          .append(n)
          .append("\" uname=\"node")
          .append(n)
          .append("\" in_ccm=\"")
          .append(online)
          .append("\" crmd=\"")
          .append(online ? "online" : "offline")
          .append("\" join=\"")
          .append(online ? "member" : "down")
          .append("\" expected=\"")
          .append(online ? "member" : "down")
          .append("\">");
      StringBuilder attrs = new StringBuilder();
      s.append("<lrm id=\"").append(n).append("\"><lrm_resources>");
      for (int r = 0; r < rscs; r++) {
        int state = rnd.nextInt(4); // 0 unknown, 1 stopped, 2 running, 3 failed
        if (state == 0) {
          continue;
        }
        String id = "r" + r;
        s.append("<lrm_resource id=\"")
            .append(id)
            .append("\" class=\"ocf\" provider=\"pacemaker\" type=\"Dummy\">");
        if (state == 1) {
          op(s, id, "monitor", 0, 7, 7, call++);
        } else {
          op(s, id, "start", 0, 0, 0, call++);
          if (state == 3) {
            op(s, id, "monitor", 10000, 1, 0, call++);
            attrs
                .append("<nvpair id=\"fc")
                .append(n)
                .append(r)
                .append("\" name=\"fail-count-")
                .append(id)
                .append("\" value=\"")
                .append(1 + rnd.nextInt(2))
                .append("\"/>");
          }
        }
        s.append("</lrm_resource>");
      }
      s.append("</lrm_resources></lrm>");
      if (attrs.length() > 0) {
        s.append("<transient_attributes id=\"t")
            .append(n)
            .append("\"><instance_attributes id=\"ta")
            .append(n)
            .append("\">")
            .append(attrs)
            .append("</instance_attributes></transient_attributes>");
      }
      s.append("</node_state>");
    }
    s.append("</status></cib>\n");
    return s.toString();
  }

  private static String top(int r, boolean group, boolean clone, int rscs) {
    if (group && (r == 1 || r == 2)) {
      return "g";
    }
    if (clone && r == rscs - 1) {
      return "c";
    }
    return "r" + r;
  }

  private static void op(
      StringBuilder s, String id, String task, long interval, int rc, int expected, int call) {
    String key = call + ":1:" + expected + ":00000000-0000-0000-0000-000000000000";
    s.append("<lrm_rsc_op id=\"")
        .append(id)
        .append(interval > 0 ? "_monitor_" + interval : "_last_0")
        .append("\" operation_key=\"")
        .append(id)
        .append('_')
        .append(task)
        .append('_')
        .append(interval)
        .append("\" operation=\"")
        .append(task)
        .append("\" transition-key=\"")
        .append(key)
        .append("\" transition-magic=\"0:")
        .append(rc)
        .append(';')
        .append(key)
        .append("\" call-id=\"")
        .append(call)
        .append("\" rc-code=\"")
        .append(rc)
        .append("\" op-status=\"0\" interval=\"")
        .append(interval)
        .append(
            "\" last-rc-change=\"1700000000\" op-digest=\"f2317cad3d54cec5d7d7aa7d0bf35cf8\"/>");
  }
}
