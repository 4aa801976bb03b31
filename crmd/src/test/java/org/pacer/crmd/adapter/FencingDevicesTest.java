package org.pacer.crmd.adapter;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.pacer.crmd.controller.OpRequest;
import org.pacer.crmd.controller.OpResult;
import org.pacer.crmd.graph.ResourceRef;
import org.pacer.crmd.history.ResourceHistory;
import org.pacer.crmd.port.ExecutorPort;

class FencingDevicesTest {

  /** Records what reaches the real executor. */
  static final class Recording implements ExecutorPort {
    final List<String> seen = new ArrayList<>();

    @Override
    public void subscribe(Consumer<OpResult> onResult) {}

    @Override
    public List<ResourceHistory> history() {
      return List.of();
    }

    @Override
    public void execute(OpRequest request) {
      seen.add(request.resource().id() + " " + request.operation());
    }

    @Override
    public void cancel(ResourceRef resource, String operation, long intervalMs) {
      seen.add(resource.id() + " cancel");
    }

    @Override
    public void forget(String resourceId) {}

    @Override
    public void close() {}
  }

  private static OpRequest op(ResourceRef r, String operation, long interval) {
    return new OpRequest(r, operation, interval, 20_000, Map.of(), "1:1:0:x");
  }

  @Test
  void fencingResourcesAreAnsweredHereAndOthersGoToTheExecutor() throws Exception {
    Recording lrmd = new Recording();
    FencingDevices devices = new FencingDevices(lrmd);
    List<OpResult> results = new ArrayList<>();
    devices.subscribe(results::add);
    ResourceRef fence = new ResourceRef("fence-kill", null, "stonith", null, "fence_pacer_kill");
    ResourceRef web = ResourceRef.ocf("web", "heartbeat", "apache");

    devices.execute(op(fence, "monitor", 0));
    devices.execute(op(fence, "start", 0));
    devices.execute(op(fence, "monitor", 60_000));
    devices.execute(op(fence, "stop", 0));
    devices.execute(op(fence, "monitor", 0));
    devices.execute(op(web, "start", 0));
    devices.cancel(fence, "monitor", 60_000);

    assertEquals(List.of(7, 0, 0, 0, 7), results.stream().map(OpResult::rc).toList());
    assertEquals("1:1:0:x", results.get(1).transitionKey());
    assertEquals(List.of("web start"), lrmd.seen);
  }

  @Test
  void viewIdsAreTheSameForTheSameMembersAndDifferOtherwise() {
    assertEquals(CpgGroup.digest("1:10,2:20"), CpgGroup.digest("1:10,2:20"));
    assertEquals(false, CpgGroup.digest("1:10,2:20") == CpgGroup.digest("1:10,2:21"));
  }
}
