package org.pacer.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class CrmTest {

  private static String[] capture(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cmd = Crm.commandLine();
    cmd.setOut(new PrintWriter(out));
    cmd.setErr(new PrintWriter(err));
    int code = cmd.execute(args);
    return new String[] {Integer.toString(code), out.toString(), err.toString()};
  }

  @Test
  void versionNamesPacerAndTheBuildVersion() {
    String[] r = capture("--version");
    assertEquals("0", r[0]);
    assertTrue(r[1].startsWith("crm (Pacer) "), r[1]);
    assertTrue(!r[1].contains("unknown") && !r[1].contains("${"), r[1]);
  }

  @Test
  void helpListsUsage() {
    String[] r = capture("--help");
    assertEquals("0", r[0]);
    assertTrue(r[1].contains("Usage: crm"), r[1]);
  }

  @Test
  void unknownOptionIsAnError() {
    String[] r = capture("--no-such-option");
    assertNotEquals("0", r[0]);
    assertTrue(r[2].contains("--no-such-option"), r[2]);
  }

  @Test
  void cibLevelIsPartOfTheShell() {
    String[] r = capture("--help");
    assertEquals("0", r[0]);
    assertTrue(r[1].contains("cib "), r[1]);
  }

  @Test
  void eachInvocationGoesToTheCommandThatOwnsIt() {
    assertTrue(Crm.ownedByPicocli("cluster", "start"));
    assertTrue(Crm.ownedByPicocli("simulate", "-x", "cib.xml"));
    assertTrue(Crm.ownedByPicocli("cib", "--query"));
    assertTrue(Crm.ownedByPicocli("resource", "force-start", "web"));
    assertTrue(Crm.ownedByPicocli("node", "fence", "n1"));
    assertTrue(Crm.ownedByPicocli("--version"));
    assertTrue(!Crm.ownedByPicocli());
    assertTrue(!Crm.ownedByPicocli("configure", "show"));
    assertTrue(!Crm.ownedByPicocli("cib", "new", "test"));
    assertTrue(!Crm.ownedByPicocli("resource", "stop", "web"));
    assertTrue(!Crm.ownedByPicocli("node", "standby", "n1"));
    assertTrue(!Crm.ownedByPicocli("-F", "configure", "show"));
  }

  @Test
  void everyPicocliLevelIsInTheTree() {
    CommandLine crm = Crm.commandLine();
    for (String level :
        new String[] {
          "cluster", "cib", "simulate", "verify", "ra", "stonith", "resource", "node"
        }) {
      assertTrue(crm.getSubcommands().containsKey(level), level);
    }
    assertTrue(crm.getSubcommands().get("resource").getSubcommands().containsKey("force-start"));
    assertTrue(crm.getSubcommands().get("node").getSubcommands().containsKey("fence"));
  }
}
