package org.pacer.cli.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PacemakerToolsTest {

  @Test
  void unknownToolIsAUsageErrorNamingTheKnownOnes() {
    String err = stderrOf(() -> assertEquals(64, PacemakerTools.run("crm_frobnicate")));
    assertTrue(err.contains("no tool named 'crm_frobnicate'"), err);
    assertTrue(err.contains("stonith_admin"), err);
    assertEquals(64, PacemakerTools.run());
  }

  @Test
  void stonithAdminUsageErrorsExit64() {
    String err = stderrOf(() -> assertEquals(64, PacemakerTools.run("stonith_admin", "--bogus")));
    assertTrue(err.contains("stonith_admin:"), err);
  }

  @Test
  void crmVerifyRunsTheCrmVerifyCommandOnAFile(@TempDir Path dir) throws Exception {
    Path broken = dir.resolve("cib.xml");
    Files.writeString(broken, "<cib><configuration>", StandardCharsets.UTF_8);
    String err =
        stderrOf(
            () -> {
              int rc = PacemakerTools.run("crm_verify", "-x", broken.toString());
              assertTrue(rc != 0, "crm_verify accepted malformed XML");
            });
    assertTrue(!err.isBlank(), "crm_verify said nothing about malformed XML");
  }

  private static String stderrOf(Runnable r) {
    PrintStream old = System.err;
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    System.setErr(new PrintStream(buf, true, StandardCharsets.UTF_8));
    try {
      r.run();
    } finally {
      System.setErr(old);
    }
    return buf.toString(StandardCharsets.UTF_8);
  }
}
