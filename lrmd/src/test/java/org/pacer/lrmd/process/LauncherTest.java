package org.pacer.lrmd.process;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class LauncherTest {

  @Test
  void wrapsCommandInSetsidAndPerl() {
    List<String> wrapped =
        new Launcher(Launcher.Mode.EXACT, "/s", "/p").wrap(List.of("/agent", "start"));
    assertEquals("/s", wrapped.get(0));
    assertEquals("/p", wrapped.get(1));
    assertEquals("-e", wrapped.get(2));
    assertEquals(List.of("--", "/agent", "start"), wrapped.subList(4, 7));
  }

  @Test
  void exitCodesAbove128WithoutMarkerAreRealExitCodes() {
    Launcher.Decoded decoded = Launcher.decodeExact(190, "degraded\n");
    assertEquals(new ExitStatus.Exited(190), decoded.status());
    assertEquals("degraded\n", decoded.stderr());
  }

  @Test
  void signalMarkerGivesTheSignalAndIsRemoved() {
    Launcher.Decoded decoded =
        Launcher.decodeExact(137, "some error\n\n" + Launcher.SIGNAL_MARKER + "9\n");
    assertEquals(new ExitStatus.Signaled(9), decoded.status());
    assertEquals("some error\n", decoded.stderr());
  }

  @Test
  void markerThatDoesNotMatchTheExitValueIsIgnored() {
    // An agent that prints a look-alike line and exits 3 is just exiting 3.
    String err = Launcher.SIGNAL_MARKER + "9\n";
    assertEquals(new ExitStatus.Exited(3), Launcher.decodeExact(3, err).status());
  }

  @Test
  void execFailureIsALaunchFailure() {
    Launcher.Decoded decoded =
        Launcher.decodeExact(127, "\n" + Launcher.EXEC_MARKER + "No such file or directory\n");
    assertEquals(new ExitStatus.LaunchFailed("No such file or directory"), decoded.status());
    assertEquals("", decoded.stderr());
  }

  @Test
  void plainExit127IsAnExit() {
    assertEquals(
        new ExitStatus.Exited(127), Launcher.decodeExact(127, "command not found\n").status());
  }

  @Test
  void signalNamesFollowTheCLibrary() {
    assertEquals("Killed", Signals.description(9));
    assertEquals("Segmentation fault", Signals.description(11));
    assertEquals("Terminated", Signals.description(15));
  }

  @Test
  void fastModeRunsUnderSetsidAlone() {
    assertEquals(
        List.of("/s", "/agent", "start"),
        new Launcher(Launcher.Mode.FAST, "/s", "/p").wrap(List.of("/agent", "start")));
  }

  @Test
  void fastModeReadsOnlyKillingSignalsFromCodesAbove128() {
    assertEquals(new ExitStatus.Signaled(9), Launcher.decodeFast(137, "").status());
    assertEquals(new ExitStatus.Signaled(15), Launcher.decodeFast(143, "").status());
    assertEquals(new ExitStatus.Exited(190), Launcher.decodeFast(190, "").status());
    assertEquals(new ExitStatus.Exited(150), Launcher.decodeFast(150, "").status());
    assertEquals(new ExitStatus.Exited(7), Launcher.decodeFast(7, "").status());
  }

  @Test
  void fastModeReadsSetsidsExecFailure() {
    Launcher.Decoded decoded =
        Launcher.decodeFast(127, "setsid: failed to execute /x: No such file or directory\n");
    assertEquals(new ExitStatus.LaunchFailed("No such file or directory"), decoded.status());
    assertEquals("", decoded.stderr());
  }
}
