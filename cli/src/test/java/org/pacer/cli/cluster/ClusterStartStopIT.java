package org.pacer.cli.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pacer.cli.Crm;
import org.pacer.messaging.paths.NodePaths;
import org.pacer.messaging.testing.Eventually;
import org.pacer.messaging.transport.EventLoops;
import picocli.CommandLine;

/** {@code crm cluster start|stop} with stand-in daemons, as real processes. */
class ClusterStartStopIT {

  private static final String DAEMONS =
      "alpha=" + StandInDaemon.class.getName() + ",beta=" + StandInDaemon.class.getName();

  @TempDir Path root;

  private record Run(int code, String out, String err) {}

  private Run crm(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cmd = Crm.commandLine();
    cmd.setOut(new PrintWriter(out, true));
    cmd.setErr(new PrintWriter(err, true));
    int code = cmd.execute(args);
    return new Run(code, out.toString(), err.toString());
  }

  private NodePaths paths() {
    return new NodePaths(root);
  }

  @AfterEach
  void killEverythingLeft() {
    crm("cluster", "stop", "--root", root.toString());
    for (String name : List.of("pacerd", "alpha", "beta", "broken")) {
      PidFile.live(paths().pidFile(name)).ifPresent(ProcessHandle::destroyForcibly);
    }
  }

  @Test
  void startSuperviseRestartAndStop() throws Exception {
    Run start =
        crm("cluster", "start", "--root", root.toString(), "--node", "n1", "--daemons", DAEMONS);
    assertEquals(0, start.code(), start.err());
    assertTrue(start.out().contains("Pacer started on node n1 (2 daemons"), start.out());
    ProcessHandle supervisor = PidFile.live(paths().pidFile("pacerd")).orElseThrow();
    ProcessHandle alpha = PidFile.live(paths().pidFile("alpha")).orElseThrow();
    assertTrue(PidFile.live(paths().pidFile("beta")).isPresent());

    Run again = crm("cluster", "start", "--root", root.toString(), "--daemons", DAEMONS);
    assertEquals(1, again.code());
    assertTrue(again.err().contains("already running"), again.err());

    // A daemon killed outright is started again by the supervisor.
    alpha.destroyForcibly();
    Eventually.await(
        "alpha to be restarted",
        Duration.ofSeconds(30),
        () ->
            PidFile.live(paths().pidFile("alpha")).map(p -> p.pid() != alpha.pid()).orElse(false));
    try (EventLoops loops = EventLoops.create("it", 1)) {
      Eventually.await(
          "restarted alpha to answer",
          Duration.ofSeconds(30),
          () -> DaemonProbe.answers(loops, paths().socket("alpha")));
    }
    String log = Files.readString(paths().logDir().resolve("pacerd.log"));
    assertTrue(log.contains("alpha (pid " + alpha.pid() + ") exited"), log);
    assertTrue(log.contains(" n1 pacerd "), "log lines name node and daemon: " + log);

    Run stop = crm("cluster", "stop", "--root", root.toString());
    assertEquals(0, stop.code(), stop.err());
    assertFalse(supervisor.isAlive());
    for (String name : List.of("pacerd", "alpha", "beta")) {
      assertFalse(Files.exists(paths().pidFile(name)), name + " pid file left behind");
    }
    Optional<ProcessHandle> leftover = PidFile.live(paths().pidFile("alpha"));
    assertTrue(leftover.isEmpty());
  }

  @Test
  void daemonThatCannotStartFailsTheStartWithItsLog() {
    Run start =
        crm(
            "cluster",
            "start",
            "--root",
            root.toString(),
            "--node",
            "n1",
            "--daemons",
            "broken=org.pacer.no.SuchDaemon",
            "--wait",
            "30");
    assertNotEquals(0, start.code());
    assertTrue(start.err().contains("broken exited with status"), start.err());
    assertTrue(PidFile.live(paths().pidFile("pacerd")).isEmpty(), "supervisor gave up and exited");
  }

  @Test
  void stopWhenNothingRunsSaysSo() {
    Run stop = crm("cluster", "stop", "--root", root.toString());
    assertEquals(0, stop.code());
    assertTrue(stop.out().contains("not running"), stop.out());
  }
}
