package org.pacer.pengine.unpack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.pacer.pengine.model.Cib;
import org.pacer.pengine.model.ResourceDef;

class CibParserTest {
  static String cib(String resources, String constraints) {
    return "<cib have-quorum='1'><configuration><crm_config/><nodes>"
        + "<node id='1' uname='n1'/><node id='2' uname='n2'/></nodes>"
        + "<resources>"
        + resources
        + "</resources><constraints>"
        + constraints
        + "</constraints></configuration><status/></cib>";
  }

  @Test
  void unpacksPrimitivesGroupsAndClones() throws Exception {
    Cib c =
        CibParser.parse(
            cib(
                "<primitive id='a' class='ocf' provider='heartbeat' type='Dummy'/>"
                    + "<group id='g'><primitive id='b' class='lsb' type='x'/></group>"
                    + "<master id='ms'><primitive id='c' class='ocf' provider='p' type='S'/></master>",
                ""));
    assertEquals(3, c.resources().size());
    assertTrue(c.resources().get(2) instanceof ResourceDef.Clone cl && cl.legacyMaster());
    assertEquals(2, c.nodes().size());
  }

  @Test
  void namesEveryProblemById() {
    CibException e =
        assertThrows(
            CibException.class,
            () ->
                CibParser.parse(
                    cib(
                        "<primitive id='a' class='weird' type='Dummy'/>",
                        "<rsc_location id='l1' rsc='ghost' node='n1' score='10'/>"
                            + "<rsc_location id='l2' rsc='a'><rule id='r' score='1'>"
                            + "<date_expression id='d1' operation='gt' start='not-a-date'/></rule></rsc_location>")));
    String all = String.join("\n", e.problems());
    assertTrue(all.contains("primitive a has unknown resource class 'weird'"), all);
    assertTrue(all.contains("l1 names resource 'ghost'"), all);
    assertTrue(all.contains("date_expression d1"), all);
  }

  @Test
  void rejectsMalformedXml() {
    CibException e = assertThrows(CibException.class, () -> CibParser.parse("<cib><config"));
    assertTrue(e.getMessage().contains("not well-formed"), e.getMessage());
  }
}
