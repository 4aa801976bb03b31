package org.pacer.stonithd.coordination;

import org.pacer.stonithd.TestCibs;

/** CIB snippets for the simulation's configurations. */
final class CibFencingReaderTestSupport {
  private CibFencingReaderTestSupport() {}

  static String nv(String name, String value) {
    return TestCibs.nv(name, value);
  }

  /** A device of the simulated agent with these nvpairs. */
  static String primitive(String id, String nvpairs) {
    return TestCibs.primitive(id, "fence_sim")
        .replace("</instance_attributes>", nvpairs + "</instance_attributes>");
  }

  static String cib(String nodes, String resources, String constraints, String topology) {
    return TestCibs.cib("", nodes, resources, constraints, topology);
  }
}
