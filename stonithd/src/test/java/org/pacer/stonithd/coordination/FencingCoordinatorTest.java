package org.pacer.stonithd.coordination;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.pacer.stonithd.port.GroupView;

/** Single steps of the coordinator, delivering its own broadcasts back to it (a cluster of one). */
class FencingCoordinatorTest {

  final FencingCoordinator c = new FencingCoordinator("n1", "t");
  final List<FencingEffect> seen = new ArrayList<>();
  long now = 1_000;

  /** Handles an event and loops broadcasts back, as a one-member group would. */
  List<FencingEffect> run(FencingEvent event) {
    List<FencingEffect> all = new ArrayList<>();
    List<FencingEvent> queue = new ArrayList<>(List.of(event));
    while (!queue.isEmpty()) {
      for (FencingEffect e : c.handle(queue.remove(0))) {
        all.add(e);
        if (e instanceof FencingEffect.Broadcast b) {
          queue.add(new FencingEvent.Delivered("n1", b.message(), now));
        }
      }
    }
    seen.addAll(all);
    return all;
  }

  <T> List<T> of(List<FencingEffect> effects, Class<T> type) {
    return effects.stream().filter(type::isInstance).map(type::cast).toList();
  }

  void join() {
    run(
        new FencingEvent.ViewChanged(
            new GroupView(1, List.of("n1"), List.of(), List.of("n1")), now));
  }

  @Test
  void refusesWhatIsNotAFencingRequest() {
    join();
    assertTrue(
        of(
                run(new FencingEvent.FenceRequested("c1", "n2", "status", "x", 1000, 0, now)),
                FencingEffect.Refused.class)
            .get(0)
            .reason()
            .contains("not a fencing action"));
    assertTrue(
        of(
                run(new FencingEvent.FenceRequested("c2", " ", "reboot", "x", 1000, 0, now)),
                FencingEffect.Refused.class)
            .get(0)
            .reason()
            .contains("no target"));
    assertTrue(
        of(
                run(new FencingEvent.FenceRequested("c3", "n2", "reboot", "x", 0, 0, now)),
                FencingEffect.Refused.class)
            .get(0)
            .reason()
            .contains("timeout"));
  }

  @Test
  void refusesBeforeJoiningTheGroup() {
    assertTrue(
        of(
                run(new FencingEvent.FenceRequested("c1", "n2", "reboot", "x", 1000, 0, now)),
                FencingEffect.Refused.class)
            .get(0)
            .reason()
            .contains("not (yet) a member"));
  }

  @Test
  void runsTheDeviceAndRecordsTheResult() {
    join();
    List<FencingEffect> e =
        run(new FencingEvent.FenceRequested("c1", "n2", "reboot", "admin", 60_000, -1, now));
    String opId = of(e, FencingEffect.Accepted.class).get(0).opId();
    FencingEffect.CheckDevices check = of(e, FencingEffect.CheckDevices.class).get(0);
    e = run(new FencingEvent.DevicesChecked(opId, check.round(), List.of("ipmi"), now));
    FencingEffect.RunDevice runDevice = of(e, FencingEffect.RunDevice.class).get(0);
    assertEquals("ipmi", runDevice.device());
    assertEquals(
        -1, runDevice.extraDelayMs(), "--delay -1 reaches the executor to disable all delays");
    e = run(new FencingEvent.DeviceFinished(opId, runDevice.step(), "ipmi", true, "OK", now + 5));
    HistoryEntry entry = of(e, FencingEffect.Finished.class).get(0).entry();
    assertEquals(FenceState.SUCCESS, entry.state());
    assertEquals("n1", entry.executor());
    assertEquals(List.of(entry), c.history());
  }

  @Test
  void aSecondRequestForTheSameNodeMergesAndKeepsItsOwnTimeout() {
    join();
    String first =
        of(
                run(new FencingEvent.FenceRequested("c1", "n2", "reboot", "a", 60_000, 0, now)),
                FencingEffect.Accepted.class)
            .get(0)
            .opId();
    List<FencingEffect> e =
        run(new FencingEvent.FenceRequested("c2", "n2", "reboot", "b", 5_000, 0, now));
    String second = of(e, FencingEffect.Accepted.class).get(0).opId();
    assertTrue(of(e, FencingEffect.CheckDevices.class).isEmpty(), "merged: no second query");
    FencingEffect.SetTimer timer = of(e, FencingEffect.SetTimer.class).get(0);
    assertEquals(second, timer.opId());
    e = run(new FencingEvent.TimerFired(second, timer.kind(), now + 5_000));
    HistoryEntry timedOut = of(e, FencingEffect.Finished.class).get(0).entry();
    assertEquals(FenceState.FAILED, timedOut.state());
    assertTrue(timedOut.reason().contains("merged into"), timedOut.reason());
    assertTrue(timedOut.reason().contains(first), timedOut.reason());
  }

  @Test
  void manualConfirmationIsRecordedAsSuchAndEndsPendingFencing() {
    join();
    String pending =
        of(
                run(new FencingEvent.FenceRequested("c1", "n2", "off", "a", 60_000, 0, now)),
                FencingEffect.Accepted.class)
            .get(0)
            .opId();
    List<FencingEffect> e =
        run(new FencingEvent.ManualConfirmation("c2", "n2", "operator", now + 10));
    List<FencingEffect.Finished> finished = of(e, FencingEffect.Finished.class);
    assertEquals(2, finished.size());
    HistoryEntry manual =
        finished.stream().filter(f -> f.entry().manual()).findFirst().orElseThrow().entry();
    assertEquals(FenceState.SUCCESS, manual.state());
    HistoryEntry ended =
        finished.stream().filter(f -> f.opId().equals(pending)).findFirst().orElseThrow().entry();
    assertTrue(ended.reason().contains("manual confirmation"), ended.reason());
    assertEquals(2, c.history().size());
  }

  @Test
  void aLevelNamingAMissingDeviceFailsWithThatReasonAndTheNextIsTried() {
    String cib =
        "<cib admin_epoch=\"0\" epoch=\"1\" num_updates=\"0\" validate-with=\"pacemaker-3.9\">"
            + "<configuration><crm_config/><nodes/><resources>"
            + "<primitive id=\"pdu\" class=\"stonith\" type=\"fence_x\"/></resources><constraints/>"
            + "<fencing-topology><fencing-level id=\"l1\" target=\"n2\" index=\"1\" devices=\"gone\"/>"
            + "<fencing-level id=\"l2\" target=\"n2\" index=\"2\" devices=\"pdu\"/></fencing-topology>"
            + "</configuration></cib>";
    run(
        new FencingEvent.Configured(
            org.pacer.stonithd.config.CibFencingReader.read(
                org.pacer.cib.document.CibDocument.parse(cib, "t")),
            now));
    join();
    String opId =
        of(
                run(new FencingEvent.FenceRequested("c1", "n2", "reboot", "a", 60_000, 0, now)),
                FencingEffect.Accepted.class)
            .get(0)
            .opId();
    List<FencingEffect> e = run(new FencingEvent.DevicesChecked(opId, 0, List.of("pdu"), now));
    FencingEffect.RunDevice r = of(e, FencingEffect.RunDevice.class).get(0);
    assertEquals("pdu", r.device());
    e = run(new FencingEvent.DeviceFinished(opId, r.step(), "pdu", true, "OK", now));
    HistoryEntry entry = of(e, FencingEffect.Finished.class).get(0).entry();
    assertEquals("level 1: device gone does not exist; level 2 (pdu) succeeded", entry.reason());
  }

  @Test
  void noDeviceMeansAClearFailure() {
    join();
    List<FencingEffect> e =
        run(new FencingEvent.FenceRequested("c1", "ghost", "reboot", "a", 60_000, 0, now));
    String opId = of(e, FencingEffect.Accepted.class).get(0).opId();
    e = run(new FencingEvent.DevicesChecked(opId, 0, List.of(), now));
    HistoryEntry entry = of(e, FencingEffect.Finished.class).get(0).entry();
    assertEquals(FenceState.FAILED, entry.state());
    assertEquals(
        "no device can fence ghost (ghost is neither a member nor a node in the CIB)",
        entry.reason());
  }
}
