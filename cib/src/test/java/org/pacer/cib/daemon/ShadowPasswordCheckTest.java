package org.pacer.cib.daemon;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pacer.messaging.security.SystemAccounts;

/** Remote logins against account files of the test's own (never the system's). */
class ShadowPasswordCheckTest {
  // crypt("s3cret", "$6$saltsalt$"): a SHA-512 crypt hash, as /etc/shadow holds them.
  static final String HASH =
      "$6$saltsalt$As4wrv0kZlfch1du9WeH7qhskyLriQWySXrZzynnvi46nFnNxjdpl6ksRegrrKexvhIa/Iny8S8uF3fVWTMuC1";

  @TempDir Path dir;
  ShadowPasswordCheck check;

  @BeforeEach
  void files() throws Exception {
    assumeTrue(Files.isExecutable(Path.of("/usr/bin/perl")), "perl not installed");
    Path passwd = dir.resolve("passwd");
    Path group = dir.resolve("group");
    Path shadow = dir.resolve("shadow");
    Files.writeString(
        passwd,
        "alice:x:1001:1001::/home/alice:/bin/sh\n"
            + "hacluster:x:1002:189::/var/lib/pacemaker:/bin/false\n"
            + "bob:x:1003:1003::/home/bob:/bin/sh\n"
            + "carol:x:1004:1004::/home/carol:/bin/sh\n");
    Files.writeString(group, "haclient:x:189:alice,carol\nalice:x:1001:\nbob:x:1003:\n");
    Files.writeString(
        shadow,
        "alice:"
            + HASH
            + ":19000:0:99999:7:::\n"
            + "hacluster:"
            + HASH
            + ":19000:0:99999:7:::\n"
            + "bob:"
            + HASH
            + ":19000:0:99999:7:::\n"
            + "carol:!"
            + HASH
            + ":19000:0:99999:7:::\n");
    check =
        new ShadowPasswordCheck(
            shadow, passwd, new SystemAccounts(passwd, group, dir.resolve("proc")), "perl");
  }

  @Test
  void aHaclientMemberWithTheRightPasswordIsAccepted() {
    assertTrue(check.accepts("alice", "s3cret"));
    assertTrue(check.accepts("hacluster", "s3cret"), "haclient as primary group counts");
  }

  @Test
  void everythingElseIsRefused() {
    assertFalse(check.accepts("alice", "guess"));
    assertFalse(check.accepts("alice", ""));
    assertFalse(check.accepts("bob", "s3cret"), "not in haclient");
    assertFalse(check.accepts("carol", "s3cret"), "locked account");
    assertFalse(check.accepts("nobody", "s3cret"));
    assertFalse(check.accepts("alice", "s3cret\nx"));
  }
}
