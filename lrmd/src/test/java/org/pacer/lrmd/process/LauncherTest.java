package org.pacer.lrmd.process;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class LauncherTest {

  @Test
  void wrapsCommandInSetsidAndPerl() {
    List<String> wrapped = new Launcher("/s", "/p").wrap(List.of("/agent", "start"));
    assertEquals("/s", wrapped.get(0));
    assertEquals("/p", wrapped.get(1));
    assertEquals("-e", wrapped.get(2));
    assertEquals(List.of("--", "/agent", "start"), wrapped.subList(4, 7));
  }

  @Test
  void exitCodesAbove128WithoutMarkerAreRealExitCodes() {
    Launcher.Decoded decoded = Launcher.decode(190, "degraded\n");
    assertEquals(new ExitStatus.Exited(190), decoded.status());
    assertEquals("degraded\n", decoded.stderr());
  }

  @Test
  void signalMarkerGivesTheSignalAndIsRemoved() {
    Launcher.Decoded decoded =
        Launcher.decode(137, "some error\n\n" + Launcher.SIGNAL_MARKER + "9\n");
    assertEquals(new ExitStatus.Signaled(9), decoded.status());
    assertEquals("some error\n", decoded.stderr());
  }

  @Test
  void markerThatDoesNotMatchTheExitValueIsIgnored() {
    // An agent that prints a look-alike line and exits 3 is just exiting 3.
    String err = Launcher.SIGNAL_MARKER + "9\n";
    assertEquals(new ExitStatus.Exited(3), Launcher.decode(3, err).status());
  }

  @Test
  void execFailureIsALaunchFailure() {
    Launcher.Decoded decoded =
        Launcher.decode(127, "\n" + Launcher.EXEC_MARKER + "No such file or directory\n");
    assertEquals(new ExitStatus.LaunchFailed("No such file or directory"), decoded.status());
    assertEquals("", decoded.stderr());
  }

  @Test
  void plainExit127IsAnExit() {
    assertEquals(new ExitStatus.Exited(127), Launcher.decode(127, "command not found\n").status());
  }

  @Test
  void signalNamesFollowTheCLibrary() {
    assertEquals("Killed", Signals.description(9));
    assertEquals("Segmentation fault", Signals.description(11));
    assertEquals("Terminated", Signals.description(15));
  }
}
