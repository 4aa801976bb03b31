package org.pacer.lrmd.cib;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.pacer.lrmd.agent.AgentId;

class CibPrimitivesTest {

  private static final String CIB =
      """
      <cib>
        <configuration>
          <resources>
            <template id="web-tpl" class="ocf" provider="heartbeat" type="apache">
              <instance_attributes id="tpl-ia">
                <nvpair id="tpl-port" name="port" value="80"/>
                <nvpair id="tpl-conf" name="configfile" value="/etc/tpl.conf"/>
              </instance_attributes>
            </template>
            <group id="g">
              <primitive id="web" template="web-tpl">
                <instance_attributes id="web-ia-rule">
                  <rule id="r" score="INFINITY"><expression id="e" attribute="#uname" operation="eq" value="n1"/></rule>
                  <nvpair id="web-ruled" name="configfile" value="/etc/ruled.conf"/>
                  <nvpair id="web-only-ruled" name="extra" value="x"/>
                </instance_attributes>
                <instance_attributes id="web-ia">
                  <nvpair id="web-conf" name="configfile" value="/etc/web.conf"/>
                  <nvpair id="web-empty" name="empty" value=""/>
                </instance_attributes>
                <instance_attributes id-ref="shared"/>
                <meta_attributes id="web-meta">
                  <nvpair id="web-tr" name="target-role" value="Started"/>
                </meta_attributes>
                <operations>
                  <op id="web-mon" name="monitor" interval="30s" timeout="1min" role="Promoted"/>
                  <op id="web-start" name="start" interval="0">
                    <meta_attributes id="web-start-meta"><nvpair id="ws-t" name="timeout" value="PT45S"/></meta_attributes>
                  </op>
                </operations>
              </primitive>
            </group>
            <primitive id="other" class="lsb" type="foo">
              <instance_attributes id="shared"><nvpair id="s1" name="shared" value="yes"/></instance_attributes>
            </primitive>
            <primitive id="bad" class="nagios" type="x"/>
          </resources>
        </configuration>
        <op_defaults><meta_attributes id="od"><nvpair id="od-t" name="timeout" value="90s"/></meta_attributes></op_defaults>
      </cib>
      """;

  @Test
  void readsAPrimitiveThroughItsTemplateSetsAndReferences() throws Exception {
    CibPrimitive web = CibPrimitives.parse(CIB).primitive("web").orElseThrow();
    assertEquals(AgentId.parse("ocf:heartbeat:apache"), web.agent());
    assertEquals("/etc/web.conf", web.parameters().get("configfile"));
    assertEquals("x", web.parameters().get("extra"));
    assertEquals("", web.parameters().get("empty"));
    assertEquals("80", web.parameters().get("port"));
    assertEquals("yes", web.parameters().get("shared"));
    assertEquals(Map.of("target-role", "Started"), web.meta());
    assertEquals(60_000, web.timeoutMs("monitor"));
    assertEquals(30_000, web.operation("monitor").orElseThrow().intervalMs());
    assertEquals(45_000, web.timeoutMs("start"));
    assertEquals(90_000, web.timeoutMs("stop"), "op_defaults applies");
    assertEquals(
        AgentId.parse("lsb:foo"),
        CibPrimitives.parse(CIB).primitive("other").orElseThrow().agent());
  }

  @Test
  void missingAndBrokenResourcesAreTold() throws Exception {
    assertTrue(CibPrimitives.parse(CIB).primitive("nope").isEmpty());
    assertTrue(
        assertThrows(CibFormatException.class, () -> CibPrimitives.parse(CIB).primitive("bad"))
            .getMessage()
            .contains("unknown class 'nagios'"));
    assertThrows(CibFormatException.class, () -> CibPrimitives.parse("<cib><oops></cib>"));
    assertThrows(
        CibFormatException.class,
        () ->
            CibPrimitives.parse(
                "<!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]><cib>&e;</cib>"));
  }

  @Test
  void parsesPacemakerDurations() {
    assertEquals(20_000, Durations.millis("20"));
    assertEquals(20_000, Durations.millis("20s"));
    assertEquals(500, Durations.millis("500ms"));
    assertEquals(120_000, Durations.millis("2min"));
    assertEquals(3_600_000, Durations.millis("1h"));
    assertEquals(90_000, Durations.millis("PT1M30S"));
    assertThrows(IllegalArgumentException.class, () -> Durations.millis("soon"));
    assertThrows(IllegalArgumentException.class, () -> Durations.millis("5 fortnights"));
  }
}
