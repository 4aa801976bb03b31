package org.pacer.cli.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pacer.messaging.paths.NodePaths;

/** When {@code crm cluster start|stop} hands the node to systemd, and what it asks systemctl. */
class SystemdStarterTest {

  @TempDir Path dir;

  private int starters;

  /** A starter over its own fresh directories (several in one test must not share them). */
  private SystemdStarter starter(boolean systemdRunning, boolean unitInstalled, int systemctlExit)
      throws Exception {
    Path machine = Files.createDirectories(dir.resolve("machine" + starters++));
    Path runtime = machine.resolve("run-systemd-system");
    if (systemdRunning) {
      Files.createDirectories(runtime);
    }
    Path units = Files.createDirectories(machine.resolve("units"));
    if (unitInstalled) {
      Files.writeString(units.resolve("pacer.target"), "[Unit]\n");
    }
    Path systemctl = machine.resolve("systemctl");
    Files.writeString(
        systemctl,
        "#!/bin/sh\necho \"$@\" >> '"
            + dir.resolve("calls")
            + "'\necho 'systemctl says hello'\nexit "
            + systemctlExit
            + "\n");
    Files.setPosixFilePermissions(systemctl, PosixFilePermissions.fromString("rwx------"));
    return new SystemdStarter(
        runtime, List.of(machine.resolve("none"), units), systemctl.toString());
  }

  private record StartRun(int code, String err) {}

  /** {@code start} on a root where no daemon will ever answer, waiting at most one second. */
  private StartRun startWithOneSecond(SystemdStarter starter) throws Exception {
    StringWriter err = new StringWriter();
    int code =
        starter.start(
            new NodePaths(dir.resolve("root")),
            1,
            new PrintWriter(new StringWriter(), true),
            new PrintWriter(err, true));
    return new StartRun(code, err.toString());
  }

  private List<String> calls() throws Exception {
    Path calls = dir.resolve("calls");
    return Files.exists(calls) ? Files.readAllLines(calls) : List.of();
  }

  @Test
  void systemdManagesTheSystemRootOnlyWhenRunningWithThePacerTargetInstalled() throws Exception {
    NodePaths system = new NodePaths(Path.of("/"));
    assertTrue(starter(true, true, 0).managesNode(system));
    assertFalse(
        starter(true, true, 0).managesNode(new NodePaths(dir.resolve("node1"))),
        "a private root (demo, tests) is never systemd's");
    assertFalse(starter(true, false, 0).managesNode(system), "units not installed");
  }

  @Test
  void notWhenPid1IsNotSystemd() throws Exception {
    assertFalse(starter(false, true, 0).managesNode(new NodePaths(Path.of("/"))));
  }

  @Test
  void stopAsksSystemctlToStopTheTarget() throws Exception {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = starter(true, true, 0).stop(new PrintWriter(out, true), new PrintWriter(err, true));
    assertEquals(0, code, err.toString());
    assertEquals(List.of("stop pacer.target"), calls());
    assertTrue(out.toString().contains("Pacer stopped (pacer.target)"), out.toString());
  }

  @Test
  void aFailingSystemctlIsReportedWithItsOutputAndExitCode() throws Exception {
    StartRun run = startWithOneSecond(starter(true, true, 5));
    assertEquals(1, run.code());
    assertEquals(List.of("start pacer.target"), calls());
    assertTrue(run.err().contains("systemctl says hello"), run.err());
    assertTrue(run.err().contains("failed (exit 5)"), run.err());
  }

  @Test
  void startWaitsForTheDaemonsAndNamesTheOneThatDoesNotAnswer() throws Exception {
    StartRun run = startWithOneSecond(starter(true, true, 0));
    assertEquals(1, run.code());
    assertTrue(run.err().contains("pacer-membership did not answer within 1 s"), run.err());
    assertTrue(run.err().contains("journalctl -u pacer-membership.service"), run.err());
  }

  @Test
  void aMissingSystemctlIsNamed() throws Exception {
    SystemdStarter missing =
        new SystemdStarter(dir, List.of(dir), dir.resolve("no-such-systemctl").toString());
    StringWriter err = new StringWriter();
    int code = missing.stop(new PrintWriter(new StringWriter(), true), new PrintWriter(err, true));
    assertEquals(1, code);
    assertTrue(err.toString().contains("cannot run"), err.toString());
  }
}
