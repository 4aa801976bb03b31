package org.pacer.cib.acl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Set;
import org.junit.jupiter.api.Test;
import org.pacer.cib.document.CibDocument;
import org.pacer.cib.document.CibError;
import org.pacer.cib.document.CibException;
import org.pacer.cib.document.CibSection;
import org.pacer.cib.ops.CibQuery;
import org.pacer.cib.ops.CibUpdater;
import org.pacer.cib.ops.CibWrite;
import org.pacer.cib.schema.CibValidator;
import org.pacer.cib.testing.TestCibs;

class AclEnforcerTest {
  static final String ACLS =
      """
      <acls>
        <acl_role id="read-all"><acl_permission id="ra" kind="read" xpath="/cib"/></acl_role>
        <acl_role id="no-secrets">
          <acl_permission id="ns" kind="deny" xpath="//nvpair[@name='port']"/>
        </acl_role>
        <acl_role id="ops"><acl_permission id="w-status" kind="write" xpath="/cib/status"/></acl_role>
        <acl_role id="res-writer">
          <acl_permission id="w-res" kind="write" reference="web"/>
        </acl_role>
        <acl_target id="alice"><role id="read-all"/><role id="no-secrets"/></acl_target>
        <acl_target id="bob"><role id="read-all"/><role id="res-writer"/></acl_target>
        <acl_group id="operators"><role id="read-all"/><role id="ops"/></acl_group>
      </acls>
      """;

  final AclEnforcer enforcer =
      new AclEnforcer(u -> u.equals("carol") ? Set.of("operators") : Set.of());
  final CibUpdater updater = new CibUpdater(CibValidator.standard(), enforcer);
  final CibDocument cib = withAcls(true);

  CibDocument withAcls(boolean enabled) {
    CibDocument base = TestCibs.small();
    base =
        updater
            .apply(base, new CibWrite.Create(CibSection.CONFIGURATION, ACLS), TestCibs.root())
            .cib();
    return updater
        .apply(
            base,
            new CibWrite.Modify(
                CibSection.CRM_CONFIG,
                null,
                "<cluster_property_set id=\"cib-bootstrap-options\"><nvpair id=\"acl\" name=\"enable-acl\" value=\""
                    + enabled
                    + "\"/></cluster_property_set>",
                false),
            TestCibs.root())
        .cib();
  }

  @Test
  void aReadOnlyUserCannotWrite() {
    CibException e =
        assertThrows(
            CibException.class,
            () ->
                updater.apply(
                    cib,
                    new CibWrite.Create(
                        CibSection.RESOURCES, "<primitive id=\"db\" class=\"lsb\" type=\"x\"/>"),
                    TestCibs.as("alice")));
    assertEquals(CibError.PERMISSION_DENIED, e.error());
    assertTrue(
        e.getMessage().contains("user 'alice' may not create <primitive id=\"db\">"),
        e.getMessage());
  }

  @Test
  void aDeniedXpathIsInvisible() {
    CibDocument seen = enforcer.filterRead(cib, "alice");
    assertFalse(seen.toXml().contains("web-port"), seen.toXml());
    assertTrue(seen.toXml().contains("<primitive id=\"web\""));
    CibException e =
        assertThrows(
            CibException.class, () -> CibQuery.xpath("//nvpair[@name='port']").render(seen));
    assertEquals(CibError.NO_SUCH_OBJECT, e.error());
  }

  @Test
  void aUserWithoutRolesSeesOnlyTheVersion() {
    CibDocument seen = enforcer.filterRead(cib, "mallory");
    assertEquals(cib.version(), seen.version());
    assertFalse(seen.toXml().contains("primitive"));
  }

  @Test
  void writeByReferenceAllowsThatResourceOnly() {
    updater.apply(
        cib,
        new CibWrite.Modify(null, null, "<primitive id=\"web\" description=\"x\"/>", false),
        TestCibs.as("bob"));
    CibException e =
        assertThrows(
            CibException.class,
            () ->
                updater.apply(
                    cib,
                    new CibWrite.Modify(
                        null, null, "<primitive id=\"ip\" description=\"x\"/>", false),
                    TestCibs.as("bob")));
    assertTrue(e.getMessage().contains("<primitive id=\"ip\">"), e.getMessage());
  }

  @Test
  void groupRolesApply() {
    updater.apply(
        cib,
        new CibWrite.Modify(
            CibSection.STATUS, null, "<node_state id=\"1\" crmd=\"offline\"/>", false),
        TestCibs.as("carol"));
    assertThrows(
        CibException.class,
        () -> updater.apply(cib, new CibWrite.Bump(), TestCibs.as("carol")).cib());
  }

  @Test
  void rootAndHaclusterBypassAndDisabledAclsRestrictNobody() {
    for (String su : new String[] {"root", "hacluster"}) {
      updater.apply(cib, new CibWrite.Erase(true), TestCibs.as(su));
      assertEquals(cib.toXml(), enforcer.filterRead(cib, su).toXml());
    }
    CibDocument off = withAcls(false);
    updater.apply(off, new CibWrite.Erase(true), TestCibs.as("alice"));
    assertEquals(off.toXml(), enforcer.filterRead(off, "alice").toXml());
  }

  @Test
  void denyBeatsWriteAtTheSameElement() {
    CibDocument both =
        updater
            .apply(
                cib,
                new CibWrite.Create(
                    CibSection.ACLS,
                    "<acl_role id=\"deny-web\"><acl_permission id=\"dw\" kind=\"deny\" reference=\"web\"/></acl_role>"),
                TestCibs.root())
            .cib();
    both =
        updater
            .apply(
                both,
                new CibWrite.Modify(
                    CibSection.ACLS,
                    null,
                    "<acl_target id=\"bob\"><role id=\"deny-web\"/></acl_target>",
                    false),
                TestCibs.root())
            .cib();
    CibDocument fin = both;
    assertThrows(
        CibException.class,
        () ->
            updater.apply(
                fin,
                new CibWrite.Modify(null, null, "<primitive id=\"web\" description=\"x\"/>", false),
                TestCibs.as("bob")));
  }
}
