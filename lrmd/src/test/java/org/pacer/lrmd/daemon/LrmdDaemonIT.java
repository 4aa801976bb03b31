package org.pacer.lrmd.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pacer.lrmd.agent.TestNode;
import org.pacer.lrmd.client.LrmdClient;
import org.pacer.lrmd.executor.ExecutorLimits;
import org.pacer.lrmd.protocol.LrmdProtocol;
import org.pacer.messaging.daemon.DaemonContext;
import org.pacer.messaging.paths.NodePaths;
import org.pacer.messaging.rpc.ClientOptions;
import org.pacer.messaging.rpc.RemoteException;
import org.pacer.messaging.transport.EventLoops;

/** pacer-lrmd on its socket, driven through its client as the controller will. */
class LrmdDaemonIT {

  @TempDir Path dir;
  private TestNode node;
  private EventLoops loops;
  private LrmdService service;
  private LrmdClient client;
  private NodePaths paths;

  @BeforeEach
  void setUp() throws Exception {
    TestNode.assumeAgentsInstalled();
    node = new TestNode(dir.resolve("agents"));
    paths = new NodePaths(dir.resolve("node"));
    loops = EventLoops.create("lrmd-it", 2);
    start();
  }

  private void start() throws Exception {
    service =
        LrmdService.start(
            new DaemonContext(paths, "node1", loops, Clock.systemUTC()),
            node.config,
            ExecutorLimits.defaults());
    client =
        LrmdClient.connect(loops, paths, ClientOptions.named("test-crmd"), Duration.ofSeconds(30));
  }

  @AfterEach
  void tearDown() throws Exception {
    if (client != null) {
      client.close();
    }
    if (service != null) {
      service.close();
    }
    if (loops != null) {
      loops.close();
    }
    if (node != null) {
      node.close();
    }
  }

  private static LrmdProtocol.Execute op(
      String rsc, String action, long interval, String userData) {
    return new LrmdProtocol.Execute(rsc, action, interval, 20_000, 0, null, null, null, userData);
  }

  @Test
  void runsOperationsPushesResultsAndKeepsHistory() throws Exception {
    List<LrmdProtocol.Result> pushed = new CopyOnWriteArrayList<>();
    client.subscribe(pushed::add).get();
    client.register("d", "ocf:heartbeat:Dummy", Map.of(), Map.of("target-role", "Started")).get();
    assertEquals(7, client.run(op("d", "monitor", 0, "t:1")).get(60, TimeUnit.SECONDS).rc());
    LrmdProtocol.Result started = client.run(op("d", "start", 0, "t:2")).get(60, TimeUnit.SECONDS);
    assertEquals(0, started.rc());
    assertEquals("t:2", started.userData());
    long monitorCall = client.execute(op("d", "monitor", 300, "t:3")).get();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (pushed.stream().filter(r -> r.callId() == monitorCall).count() < 2
        && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    assertTrue(pushed.stream().filter(r -> r.callId() == monitorCall).count() >= 2);

    LrmdProtocol.History history = client.history("d").get();
    assertEquals(1, history.resources().size());
    LrmdProtocol.ResourceHistory d = history.resources().get(0);
    assertEquals("ocf:heartbeat:Dummy", d.definition().agent());
    assertEquals(
        List.of("d_monitor_300"),
        d.recurring().stream()
            .map(e -> e.resource() + "_" + e.action() + "_" + e.interval())
            .toList());
    assertTrue(
        d.last().stream().anyMatch(r -> r.operationKey().equals("d_start_0") && r.rc() == 0));

    assertTrue(client.cancel("d", "monitor", 300).get());
    assertEquals(0, client.run(op("d", "stop", 0, "t:4")).get(60, TimeUnit.SECONDS).rc());
    assertTrue(
        pushed.stream().anyMatch(r -> r.callId() == monitorCall && "CANCELLED".equals(r.status())));
  }

  @Test
  void badRequestsAreRefusedWithTheReasonAndTheDaemonGoesOn() throws Exception {
    ExecutionException notRegistered =
        assertThrows(
            ExecutionException.class, () -> client.execute(op("ghost", "start", 0, "")).get());
    assertTrue(notRegistered.getCause() instanceof RemoteException);
    assertTrue(notRegistered.getCause().getMessage().contains("resource ghost is not registered"));
    ExecutionException badAgent =
        assertThrows(
            ExecutionException.class,
            () -> client.register("x", "nagios:foo", Map.of(), Map.of()).get());
    assertTrue(badAgent.getCause().getMessage().contains("unknown agent class 'nagios'"));
    client.register("x", "ocf:heartbeat:Dummy", Map.of(), Map.of()).get();
    ExecutionException noTimeout =
        assertThrows(
            ExecutionException.class,
            () ->
                client
                    .execute(
                        new LrmdProtocol.Execute("x", "start", 0, 0, 0, null, null, null, null))
                    .get());
    assertTrue(noTimeout.getCause().getMessage().contains("timeout must be positive"));
    ExecutionException junk =
        assertThrows(
            ExecutionException.class, () -> client.metadata("ocf:heartbeat:NoSuchAgent").get());
    assertTrue(junk.getCause().getMessage().contains("got no meta-data"));
    assertEquals(0, client.run(op("x", "start", 0, "")).get(60, TimeUnit.SECONDS).rc());
  }

  @Test
  void metadataValidationAndAgentLists() throws Exception {
    LrmdProtocol.Metadata stateful = client.metadata("ocf:pacemaker:Stateful").get();
    assertTrue(stateful.parameters().stream().anyMatch(p -> p.name().equals("state")));
    assertTrue(stateful.actions().stream().anyMatch(a -> a.name().equals("promote")));
    List<String> problems =
        client.validate("ocf:heartbeat:IPaddr2", Map.of("arp_count", "abc", "bogus", "1")).get();
    assertTrue(
        problems.contains("required parameter 'ip' of ocf:heartbeat:IPaddr2 is not set"),
        problems::toString);
    assertTrue(
        problems.contains("'bogus' is not a parameter of ocf:heartbeat:IPaddr2"),
        problems::toString);
    assertTrue(
        problems.contains("parameter 'arp_count' must be an integer, not 'abc'"),
        problems::toString);
    assertTrue(client.validate("ocf:heartbeat:IPaddr2", Map.of("ip", "127.0.0.2")).get().isEmpty());
    assertTrue(client.agents("ocf", "pacer").get().contains("Misbehave"));
  }

  @Test
  void callIdsKeepGrowingAcrossRestarts() throws Exception {
    client.register("d", "ocf:heartbeat:Dummy", Map.of(), Map.of()).get();
    long first = client.execute(op("d", "monitor", 0, "")).get();
    client.close();
    service.close();
    client = null;
    service = null;
    start();
    client.register("d", "ocf:heartbeat:Dummy", Map.of(), Map.of()).get();
    long second = client.execute(op("d", "monitor", 0, "")).get();
    assertTrue(second > first, first + " then " + second);
    assertTrue(Files.exists(paths.libDir().resolve("lrmd/next-call-id")));
    assertFalse(client.history(null).get().resources().isEmpty());
  }
}
