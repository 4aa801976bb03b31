package org.pacer.messaging.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalInt;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalPeerPolicyTest {

  private final LocalPeerPolicy policy = new LocalPeerPolicy(1000, OptionalInt.of(189));

  @Test
  void rootOwnerAndHaclientMembersAreAllowed() {
    assertTrue(policy.decide(0, Set.of()).allowed());
    assertTrue(policy.decide(1000, Set.of(1000)).allowed());
    assertTrue(policy.decide(1001, Set.of(1001, 189)).allowed());
  }

  @Test
  void othersAreRefusedWithTheRule() {
    LocalPeerPolicy.Decision d = policy.decide(1001, Set.of(1001));
    assertFalse(d.allowed());
    assertTrue(d.reason().contains("not a member of group haclient"), d.reason());
  }

  @Test
  void missingHaclientGroupIsSaid() {
    LocalPeerPolicy noGroup = new LocalPeerPolicy(1000, OptionalInt.empty());
    assertTrue(noGroup.decide(5, Set.of()).reason().contains("does not exist"));
  }

  @Test
  void accountsAreReadFromTheFiles(@TempDir Path dir) throws Exception {
    Files.writeString(
        dir.resolve("passwd"), "root:x:0:0::/root:/bin/sh\nhacluster:x:189:189::/:/bin/false\n");
    Files.writeString(dir.resolve("group"), "root:x:0:\nhaclient:x:189:alice,hacluster\n");
    Files.createDirectories(dir.resolve("proc/42"));
    Files.writeString(
        dir.resolve("proc/42/status"),
        "Name:\tx\nUid:\t7\t7\t7\t7\nGid:\t7\t7\t7\t7\nGroups:\t7 189 \n");
    SystemAccounts accounts =
        new SystemAccounts(dir.resolve("passwd"), dir.resolve("group"), dir.resolve("proc"));
    assertEquals("hacluster", accounts.userName(189));
    assertEquals("uid:5", accounts.userName(5));
    assertEquals(OptionalInt.of(189), accounts.groupId("haclient"));
    assertTrue(accounts.listedInGroup("alice", "haclient"));
    assertEquals(Set.of(7, 189), accounts.processGroups(42));
    assertEquals(Set.of(), accounts.processGroups(43));
  }
}
