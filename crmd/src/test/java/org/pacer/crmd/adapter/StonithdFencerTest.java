package org.pacer.crmd.adapter;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.pacer.crmd.port.FencerPort.Outcome;
import org.pacer.messaging.paths.NodePaths;
import org.pacer.messaging.transport.EventLoops;
import org.pacer.stonithd.coordination.FenceState;
import org.pacer.stonithd.coordination.HistoryEntry;

class StonithdFencerTest {

  private static HistoryEntry entry(FenceState state, String reason) {
    return new HistoryEntry(
        "op1", "n2", "reboot", "n1", "n1", "pacer-crmd", state, reason, List.of(), 1, 2, false);
  }

  @Test
  void onlyASuccessfulResultIsASuccess() {
    assertTrue(StonithdFencer.outcome(entry(FenceState.SUCCESS, null)).ok());
    Outcome failed = StonithdFencer.outcome(entry(FenceState.FAILED, "device fence1 failed"));
    assertFalse(failed.ok());
    assertTrue(failed.reason().contains("fence1"));
    assertFalse(StonithdFencer.outcome(null).ok());
  }

  @Test
  void noStonithdMeansFailedFencingNamingIt() throws Exception {
    Path root = Files.createTempDirectory("fencer-test");
    try (EventLoops loops = EventLoops.create("fencer-test", 1);
        StonithdFencer fencer = new StonithdFencer(loops, new NodePaths(root))) {
      Outcome outcome = fencer.fence("n2", "reboot", 1000).get(10, TimeUnit.SECONDS);
      assertFalse(outcome.ok());
      assertTrue(outcome.reason().contains("pacer-stonithd"), outcome.reason());
    }
  }
}
