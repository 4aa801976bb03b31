package org.pacer.lrmd.process;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProcessRunnerIT {

  private ProcessRunner runner;
  private final List<Long> started = new ArrayList<>();
  @TempDir Path dir;

  /** The launcher mode under test; {@link ProcessRunnerFastIT} runs the same tests in FAST. */
  protected Launcher.Mode mode() {
    return Launcher.Mode.EXACT;
  }

  @org.junit.jupiter.api.BeforeEach
  void createRunner() {
    runner = ProcessRunner.system(Clock.systemUTC(), mode());
  }

  @AfterEach
  void cleanUp() {
    // Kill, by pid, every helper process a test recorded, whatever the test's outcome.
    started.forEach(pid -> ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly));
    runner.close();
  }

  private ProcessOutcome run(String script, Duration timeout) throws Exception {
    return run(ProcessSpec.of(List.of("/bin/sh", "-c", script), Map.of("X", "y"), timeout));
  }

  private ProcessOutcome run(ProcessSpec spec) throws Exception {
    return runner.run(spec).get(60, TimeUnit.SECONDS);
  }

  private List<Long> pidsIn(Path file) throws Exception {
    List<Long> pids = new ArrayList<>();
    for (String line : Files.readAllLines(file)) {
      if (!line.isBlank()) {
        pids.add(Long.parseLong(line.trim()));
      }
    }
    started.addAll(pids);
    return pids;
  }

  @Test
  void reportsExitCodeOutputEnvironmentAndStdin() throws Exception {
    ProcessSpec spec =
        ProcessSpec.of(
                List.of("/bin/sh", "-c", "cat; echo \"X=$X\"; echo oops >&2; exit 3"),
                Map.of("X", "y"),
                Duration.ofSeconds(10))
            .withStdin("from stdin\n".getBytes(StandardCharsets.UTF_8));
    ProcessOutcome outcome = run(spec);
    assertEquals(new ExitStatus.Exited(3), outcome.status());
    assertEquals("from stdin\nX=y\n", outcome.stdout().text());
    assertEquals("oops\n", outcome.stderr().text());
    assertTrue(outcome.pid() > 1);
  }

  @Test
  void exitCodesAbove128StayExitCodes() throws Exception {
    assertEquals(new ExitStatus.Exited(190), run("exit 190", Duration.ofSeconds(10)).status());
  }

  @Test
  void deathBySignalIsReportedAsTheSignal() throws Exception {
    ProcessOutcome outcome = run("echo before >&2; kill -SEGV $$", Duration.ofSeconds(10));
    assertEquals(new ExitStatus.Signaled(11), outcome.status());
    assertEquals("before\n", outcome.stderr().text());
  }

  @Test
  void missingProgramIsALaunchFailure() throws Exception {
    ProcessOutcome outcome =
        run(
            ProcessSpec.of(
                List.of(dir.resolve("nope").toString()), Map.of(), Duration.ofSeconds(5)));
    ExitStatus.LaunchFailed failed =
        assertInstanceOf(ExitStatus.LaunchFailed.class, outcome.status());
    assertEquals("No such file or directory", failed.reason());
  }

  @Test
  void endsWhenTheProcessExitsEvenIfAChildHoldsTheOutputOpen() throws Exception {
    Path pids = dir.resolve("pids");
    ProcessOutcome outcome =
        run("sleep 300 & echo $! > " + pids + "; echo started", Duration.ofSeconds(30));
    assertEquals(new ExitStatus.Exited(0), outcome.status());
    assertEquals("started\n", outcome.stdout().text());
    long child = pidsIn(pids).get(0);
    // The daemon-like child is left running: only timeouts kill the tree.
    assertTrue(ProcessGroups.system().running(child));
  }

  @Test
  void timeoutKillsTheWholeTreeEvenWhenItIgnoresSigterm() throws Exception {
    Path pids = dir.resolve("pids");
    String script =
        "trap '' TERM; sleep 300 & echo $! >> "
            + pids
            + "; setsid sleep 300 & echo $! >> "
            + pids
            + "; echo ready; sleep 300";
    ProcessSpec spec =
        ProcessSpec.of(List.of("/bin/sh", "-c", script), Map.of(), Duration.ofMillis(500))
            .withKillGrace(Duration.ofMillis(300));
    ProcessOutcome outcome = run(spec);
    assertEquals(new ExitStatus.TimedOut(true), outcome.status());
    assertEquals("ready\n", outcome.stdout().text());
    for (long pid : pidsIn(pids)) {
      assertFalse(
          ProcessGroups.system().running(pid),
          "process " + pid + " of the timed-out tree is still alive");
    }
  }

  @Test
  void timeoutOfAnObedientProcessNeedsNoSigkill() throws Exception {
    ProcessOutcome outcome =
        run(
            ProcessSpec.of(List.of("/bin/sleep", "300"), Map.of(), Duration.ofMillis(200))
                .withKillGrace(Duration.ofSeconds(30)));
    assertEquals(new ExitStatus.TimedOut(false), outcome.status());
  }

  @Test
  void tenMegabytesOfOutputAreCountedButNotKept() throws Exception {
    ProcessSpec spec =
        ProcessSpec.of(
                List.of("/bin/sh", "-c", "head -c 10485760 /dev/zero | tr '\\0' x; echo END"),
                Map.of(),
                Duration.ofSeconds(30))
            .withCaptureLimit(4096);
    ProcessOutcome outcome = run(spec);
    assertEquals(new ExitStatus.Exited(0), outcome.status());
    assertEquals(10L * 1024 * 1024 + 4, outcome.stdout().totalBytes());
    assertEquals(4096, outcome.stdout().head().length);
    assertTrue(outcome.stdout().lastChars(4).equals("END\n"));
  }
}
