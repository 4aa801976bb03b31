package org.pacer.cib.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.pacer.cib.diff.CibDiff;
import org.pacer.cib.document.CibDocument;
import org.pacer.cib.document.CibError;
import org.pacer.cib.document.CibException;
import org.pacer.cib.document.CibSection;
import org.pacer.cib.document.CibVersion;
import org.pacer.cib.testing.TestCibs;

class CibUpdaterTest {
  final CibUpdater updater = CibUpdater.standard();
  final CibDocument cib = TestCibs.small();

  WriteOutcome apply(CibWrite w) {
    return updater.apply(cib, w, TestCibs.root());
  }

  CibException fails(CibWrite w) {
    String before = cib.toXml();
    CibException e = assertThrows(CibException.class, () -> apply(w));
    assertEquals(before, cib.toXml(), "a failed write must leave the CIB unchanged");
    return e;
  }

  @Test
  void createBumpsEpochAndResetsNumUpdates() {
    WriteOutcome out =
        apply(
            new CibWrite.Create(
                CibSection.RESOURCES,
                "<primitive id=\"db\" class=\"ocf\" provider=\"heartbeat\" type=\"pgsql\"/>"));
    assertEquals(new CibVersion(0, 5, 0), out.cib().version());
    assertTrue(out.cib().toXml().contains("<primitive id=\"db\""));
    assertTrue(
        out.diff().changes().stream()
            .anyMatch(
                c ->
                    c instanceof CibDiff.Created cr
                        && cr.path().equals("/cib/configuration/resources/primitive[@id='db']")));
    assertEquals("root", out.cib().root().getAttribute("update-user"));
    assertEquals("Fri Jan 2 03:04:05 2026", out.cib().root().getAttribute("cib-last-written"));
  }

  @Test
  void createWithoutScopeFindsTheSection() {
    WriteOutcome out =
        apply(new CibWrite.Create(null, "<rsc_order id=\"o1\" first=\"ip\" then=\"web\"/>"));
    assertTrue(out.cib().section(CibSection.CONSTRAINTS).getTextContent() != null);
    assertTrue(out.cib().toXml().contains("<rsc_order id=\"o1\""));
  }

  @Test
  void createOfAnOptionalSectionPlacesItInPacemakersOrder() {
    WriteOutcome out =
        apply(new CibWrite.Create(null, "<tag id=\"t\"><obj_ref id=\"web\"/></tag>"));
    String xml = out.cib().toXml();
    assertTrue(xml.indexOf("<constraints") < xml.indexOf("<tags>"), xml);
  }

  @Test
  void createOfAnExistingIdIsRefusedWithExists() {
    CibException e =
        fails(
            new CibWrite.Create(
                CibSection.RESOURCES,
                "<primitive id=\"web\" class=\"ocf\" provider=\"x\" type=\"y\"/>"));
    assertEquals(CibError.EXISTS, e.error());
    assertEquals(108, e.error().exitCode());
  }

  @Test
  void schemaViolationNamesElementAttributeAndLine() {
    CibException e =
        fails(
            new CibWrite.Create(
                CibSection.RESOURCES, "\n<primitive id=\"db\" class=\"ocf\" type=\"pgsql\"/>"));
    assertEquals(CibError.SCHEMA, e.error());
    assertEquals(78, e.error().exitCode());
    String all = e.describe();
    assertTrue(all.contains("<primitive id=\"db\""), all);
    assertTrue(all.contains("'provider'"), all);
    assertTrue(all.contains("line 2 of the request XML"), all);
  }

  @Test
  void unknownAttributeIsRefused() {
    CibException e =
        fails(
            new CibWrite.Create(
                CibSection.RESOURCES,
                "<primitive id=\"db\" class=\"lsb\" type=\"x\" bogus=\"1\"/>"));
    assertTrue(
        e.describe().contains("attribute 'bogus' is not allowed on <primitive>"), e.describe());
  }

  @Test
  void missingReferenceIsRefusedNamingIt() {
    CibException e =
        fails(
            new CibWrite.Create(
                CibSection.CONSTRAINTS,
                "<rsc_location id=\"l1\" rsc=\"nosuch\" node=\"node1\" score=\"10\"/>"));
    assertEquals(CibError.SCHEMA, e.error());
    assertTrue(e.describe().contains("resource 'nosuch', which does not exist"), e.describe());
  }

  @Test
  void deletingAReferencedResourceIsRefused() {
    CibException e = fails(new CibWrite.Delete(null, "//primitive[@id='ip']", null));
    assertTrue(e.describe().contains("web-with-ip"), e.describe());
  }

  @Test
  void malformedXmlNamesTheLine() {
    CibException e =
        fails(new CibWrite.Create(CibSection.RESOURCES, "<primitive id=\"y\">\n<foo></primitive>"));
    assertEquals(CibError.MALFORMED, e.error());
    assertTrue(e.getMessage().contains("line 2"), e.getMessage());
  }

  @Test
  void modifyMergesById() {
    WriteOutcome out =
        apply(new CibWrite.Modify(null, null, "<nvpair id=\"web-port\" value=\"8080\"/>", false));
    assertTrue(
        out.cib().toXml().contains("<nvpair id=\"web-port\" name=\"port\" value=\"8080\"/>"));
    assertEquals(new CibVersion(0, 5, 0), out.cib().version());
    assertEquals(
        List.of(
            "/cib",
            "/cib/configuration/resources/primitive[@id='web']/instance_attributes[@id='web-params']/nvpair[@id='web-port']"),
        out.diff().changes().stream().map(CibDiff.Change::path).toList());
  }

  @Test
  void statusChangeBumpsNumUpdatesOnly() {
    WriteOutcome out =
        apply(
            new CibWrite.Modify(
                CibSection.STATUS, null, "<node_state id=\"1\" crmd=\"offline\"/>", false));
    assertEquals(new CibVersion(0, 4, 8), out.cib().version());
    assertFalse(out.diff().touchesConfiguration());
  }

  @Test
  void adminEpochMovesOnlyWhenSet() {
    WriteOutcome out = apply(new CibWrite.Modify(null, null, "<cib admin_epoch=\"3\"/>", false));
    assertEquals(3, out.cib().version().adminEpoch());
  }

  @Test
  void modifyOfSomethingAbsentIsNoSuchObject() {
    assertEquals(
        CibError.NO_SUCH_OBJECT,
        fails(new CibWrite.Modify(null, null, "<primitive id=\"nosuch\" type=\"x\"/>", false))
            .error());
  }

  @Test
  void modifyWithAllowCreateAdds() {
    WriteOutcome out =
        apply(
            new CibWrite.Modify(
                CibSection.RESOURCES,
                null,
                "<primitive id=\"db\" class=\"lsb\" type=\"x\"/>",
                true));
    assertTrue(out.cib().toXml().contains("id=\"db\""));
  }

  @Test
  void modifyIncrementsWithPlusPlus() {
    WriteOutcome out =
        apply(
            new CibWrite.Modify(
                CibSection.STATUS, null, "<node_state id=\"1\" join=\"join++\"/>", false));
    assertTrue(out.cib().toXml().contains("join=\"1\""));
  }

  @Test
  void replaceOfWholeOlderCibIsRefused() {
    CibException e =
        fails(
            new CibWrite.Replace(
                null,
                null,
                "<cib admin_epoch=\"0\" epoch=\"1\" num_updates=\"0\" validate-with=\"pacemaker-3.9\"><configuration><crm_config/><nodes/><resources/><constraints/></configuration></cib>"));
    assertEquals(CibError.OLD_VERSION, e.error());
    assertEquals(103, e.error().exitCode());
  }

  @Test
  void replaceOfWholeNewerCibKeepsItsVersionAndOurStatus() {
    WriteOutcome out =
        apply(
            new CibWrite.Replace(
                null,
                null,
                "<cib admin_epoch=\"1\" epoch=\"1\" num_updates=\"0\" validate-with=\"pacemaker-3.9\"><configuration><crm_config/><nodes/><resources/><constraints/></configuration></cib>"));
    assertEquals(new CibVersion(1, 1, 0), out.cib().version());
    assertTrue(out.cib().toXml().contains("<node_state id=\"1\""));
  }

  @Test
  void replaceOfAnElementInsideAScope() {
    WriteOutcome out =
        apply(
            new CibWrite.Replace(
                CibSection.RESOURCES,
                null,
                "<primitive id=\"web\" class=\"ocf\" provider=\"heartbeat\" type=\"nginx\"/>"));
    assertTrue(out.cib().toXml().contains("type=\"nginx\""));
    assertFalse(out.cib().toXml().contains("web-port"));
  }

  @Test
  void deleteByXpathRemovesTheFirstMatchOnly() {
    WriteOutcome out = apply(new CibWrite.Delete(null, "//node", null));
    assertFalse(out.cib().toXml().contains("<node id=\"1\""), out.cib().toXml());
    assertTrue(out.cib().toXml().contains("uname=\"node2\""));
  }

  @Test
  void deleteOfSomethingAbsentSucceedsWithoutChange() {
    WriteOutcome out = apply(new CibWrite.Delete(null, null, "<primitive id=\"nosuch\"/>"));
    assertSame(cib, out.cib());
    assertFalse(out.changed());
  }

  @Test
  void deleteByXmlNeedsMatchingAttributes() {
    assertFalse(
        apply(new CibWrite.Delete(null, null, "<node id=\"1\" uname=\"other\"/>")).changed());
    assertTrue(
        apply(new CibWrite.Delete(null, null, "<node id=\"1\" uname=\"node1\"/>")).changed());
  }

  @Test
  void eraseNeedsForceAndRaisesAdminEpoch() {
    assertEquals(CibError.UNSAFE, fails(new CibWrite.Erase(false)).error());
    WriteOutcome out = apply(new CibWrite.Erase(true));
    assertEquals(new CibVersion(1, 5, 0), out.cib().version());
    assertFalse(out.cib().toXml().contains("primitive"));
    assertFalse(out.cib().toXml().contains("node_state"));
  }

  @Test
  void bumpIncrementsEpoch() {
    assertEquals(new CibVersion(0, 5, 0), apply(new CibWrite.Bump()).cib().version());
  }

  @Test
  void optimisticConcurrencyRefusesAStaleWrite() {
    CibException e =
        assertThrows(
            CibException.class,
            () ->
                updater.apply(
                    cib, new CibWrite.Bump(), TestCibs.root().basedOn(new CibVersion(0, 3, 0))));
    assertEquals(CibError.OLD_VERSION, e.error());
    assertTrue(e.getMessage().contains("0.3.0") && e.getMessage().contains("0.4.7"));
    updater.apply(cib, new CibWrite.Bump(), TestCibs.root().basedOn(cib.version()));
  }

  @Test
  void oversizedWriteIsRefusedBeforeParsing() {
    String big = "<primitive id=\"x\" description=\"" + "a".repeat(2000) + "\"/>";
    CibException e =
        assertThrows(
            CibException.class,
            () ->
                updater.apply(
                    cib,
                    new CibWrite.Create(CibSection.RESOURCES, big),
                    TestCibs.root().withMaxWriteBytes(1000)));
    assertEquals(CibError.TOO_LARGE, e.error());
    assertTrue(e.getMessage().contains("limit of 1000"));
  }

  @Test
  void badXpathIsNamed() {
    CibException e = fails(new CibWrite.Delete(null, "//[bad", null));
    assertEquals(CibError.BAD_XPATH, e.error());
    assertTrue(e.getMessage().contains("'//[bad'"), e.getMessage());
  }

  @Test
  void writesAreDeterministic() {
    CibWrite w =
        new CibWrite.Create(
            CibSection.RESOURCES, "<primitive id=\"db\" class=\"lsb\" type=\"x\"/>");
    assertEquals(apply(w).cib().digest(), apply(w).cib().digest());
  }
}
