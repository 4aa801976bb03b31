package org.pacer.cib.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.pacer.cib.document.CibDocument;
import org.pacer.cib.document.CibError;
import org.pacer.cib.document.CibException;
import org.pacer.cib.document.CibSection;
import org.pacer.cib.testing.TestCibs;

class CibQueryTest {
  final CibDocument cib = TestCibs.small();

  @Test
  void wholeSectionAndXpath() {
    assertTrue(
        CibQuery.whole().render(cib).startsWith("<cib id=")
            || CibQuery.whole().render(cib).startsWith("<cib "));
    assertTrue(CibQuery.section(CibSection.NODES).render(cib).startsWith("<nodes>"));
    assertEquals(
        "<primitive id=\"ip\" class=\"ocf\" provider=\"heartbeat\" type=\"IPaddr2\"/>\n",
        CibQuery.xpath("//primitive[@id='ip']").render(cib));
  }

  @Test
  void severalMatchesAreWrappedLikeCibadmin() {
    String out = CibQuery.xpath("//node").render(cib);
    assertTrue(out.startsWith("<xpath-query>\n  <node id=\"1\""), out);
  }

  @Test
  void nodePathsAnswerWithPaths() {
    assertEquals(
        "/cib/configuration/nodes/node[@id='1']\n/cib/configuration/nodes/node[@id='2']\n",
        new CibQuery(null, "//node", true, false).render(cib));
  }

  @Test
  void nothingMatchingIsNoSuchObject() {
    CibException e = assertThrows(CibException.class, () -> CibQuery.xpath("//nosuch").render(cib));
    assertEquals(CibError.NO_SUCH_OBJECT, e.error());
    assertEquals(105, e.error().exitCode());
    assertEquals(
        CibError.NO_SUCH_OBJECT,
        assertThrows(CibException.class, () -> CibQuery.section(CibSection.TAGS).render(cib))
            .error());
  }
}
