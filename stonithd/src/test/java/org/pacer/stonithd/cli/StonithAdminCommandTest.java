package org.pacer.stonithd.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.pacer.stonithd.coordination.FenceState;
import org.pacer.stonithd.coordination.HistoryEntry;
import picocli.CommandLine;

class StonithAdminCommandTest {

  int run(StringWriter err, String... args) {
    CommandLine cl =
        StonithAdminCommand.commandLine(
            () -> {
              throw new IOException("connect(run/stonithd.sock) failed: No such file or directory");
            },
            ZoneOffset.UTC);
    cl.setErr(new PrintWriter(err, true));
    cl.setOut(new PrintWriter(new StringWriter(), true));
    return cl.execute(args);
  }

  @Test
  void usageErrorsExit64LikePacemaker() {
    assertEquals(64, run(new StringWriter()));
    assertEquals(64, run(new StringWriter(), "-B"));
    assertEquals(64, run(new StringWriter(), "--bogus"));
    assertEquals(64, run(new StringWriter(), "-B", "n1", "-H", "*"));
    assertEquals(64, run(new StringWriter(), "-M"));
  }

  @Test
  void helpAndBadValidateOptions() {
    assertEquals(0, run(new StringWriter(), "--help"));
    assertEquals(0, run(new StringWriter(), "-?"));
    StringWriter err = new StringWriter();
    assertEquals(64, run(err, "-K"));
    assertTrue(err.toString().contains("--validate needs --agent"), err.toString());
    StringWriter bad = new StringWriter();
    assertEquals(64, run(bad, "-K", "-a", "fence_dummy", "-o", "novalue"));
    assertTrue(bad.toString().contains("NAME=VALUE"), bad.toString());
  }

  @Test
  void noFencerExits102() {
    StringWriter err = new StringWriter();
    assertEquals(102, run(err, "-B", "node1"));
    assertTrue(err.toString().contains("Could not connect to fencer"), err.toString());
  }

  @Test
  void historyLines() {
    HistoryEntry ok =
        new HistoryEntry(
            "op1",
            "node2",
            "reboot",
            "node1",
            "node3",
            "crmd.12",
            FenceState.SUCCESS,
            "level 1 (ipmi) succeeded",
            List.of(),
            0,
            1_700_000_000_000L,
            false);
    assertEquals(
        "reboot of node2 successful: delegate=node1, client=crmd.12, origin=node3, "
            + "completed='2023-11-14 22:13:20 Z'",
        HistoryFormat.line(ok, ZoneOffset.UTC));
    HistoryEntry failed =
        new HistoryEntry(
            "op2",
            "node2",
            "off",
            "",
            "node3",
            "crmd.12",
            FenceState.FAILED,
            "no device can fence node2",
            List.of("x@node1"),
            0,
            1_700_000_000_000L,
            false);
    assertEquals(
        "off of node2 failed: client=crmd.12, origin=node3, last-failed='2023-11-14 22:13:20 Z', "
            + "merged=x@node1 (no device can fence node2)",
        HistoryFormat.line(failed, ZoneOffset.UTC));
    assertEquals(List.of(ok), HistoryFormat.select(List.of(failed, ok), false));
  }
}
