package org.pacer.cib.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pacer.cib.client.CibClient;
import org.pacer.cib.document.CibException;
import org.pacer.cib.document.CibSection;
import org.pacer.cib.ops.CibQuery;
import org.pacer.cib.ops.CibWrite;
import org.pacer.cib.replication.InMemoryGroupHub;
import org.pacer.messaging.daemon.DaemonContext;
import org.pacer.messaging.paths.NodePaths;
import org.pacer.messaging.rpc.ClientOptions;
import org.pacer.messaging.transport.Endpoint;
import org.pacer.messaging.transport.EventLoops;

/**
 * Three real CIB daemons (sockets, persistence, replicas) joined by an in-JVM total-order group:
 * writers on every node at once, a daemon stopped and restarted mid-stream, the whole cluster
 * stopped and started. Until the membership daemon's group is on main this stands in for the
 * multi-process version.
 */
class ThreeDaemonTest {
  static final List<String> NODES = List.of("node1", "node2", "node3");
  @TempDir Path base;
  EventLoops loops;
  InMemoryGroupHub hub;
  final CibDaemonFactory.Running[] daemons = new CibDaemonFactory.Running[3];

  @BeforeEach
  void start() throws Exception {
    loops = EventLoops.create("three", 2);
    hub = new InMemoryGroupHub();
    for (int i = 0; i < 3; i++) {
      startNode(i);
    }
  }

  void startNode(int i) throws Exception {
    CibDaemonFactory f = new CibDaemonFactory(ctx -> hub.member(), (u, p) -> false, "127.0.0.1");
    daemons[i] = f.start(new DaemonContext(paths(i), NODES.get(i), loops, Clock.systemUTC()));
  }

  NodePaths paths(int i) {
    return new NodePaths(base.resolve(NODES.get(i)));
  }

  @AfterEach
  void stop() {
    for (var d : daemons) {
      if (d != null) {
        d.close();
      }
    }
    hub.close();
    loops.close();
  }

  CibClient client(int i) {
    return CibClient.connect(
        loops,
        new Endpoint.Local(paths(i).socket("cib")),
        ClientOptions.named("w" + i),
        Duration.ofSeconds(30));
  }

  /** Waits until every node reports the same digest and no round in progress. */
  Set<String> settle() throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    Set<String> digests;
    do {
      hub.drain();
      digests = new HashSet<>();
      boolean syncing = false;
      for (var d : daemons) {
        var s = d.service().status().get();
        digests.add(s.digest());
        syncing |= s.syncing() || s.members().size() != 3;
      }
      if (digests.size() == 1 && !syncing) {
        return digests;
      }
      Thread.sleep(20);
    } while (System.nanoTime() < deadline);
    return digests;
  }

  /** Writers on every node; returns the ids whose create was acknowledged. */
  List<String> writeConcurrently(int perNode, Runnable midway) throws Exception {
    ConcurrentLinkedQueue<String> acked = new ConcurrentLinkedQueue<>();
    AtomicBoolean halfway = new AtomicBoolean();
    List<Thread> writers = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      int node = i;
      Thread t =
          new Thread(
              () -> {
                for (int k = 0; k < perNode; k++) {
                  String id = "r" + node + "_" + k;
                  try (CibClient c = client(node)) {
                    c.write(
                        new CibWrite.Create(
                            CibSection.RESOURCES,
                            "<primitive id=\"" + id + "\" class=\"lsb\" type=\"t\"/>"),
                        null);
                    acked.add(id);
                  } catch (CibException e) {
                    // Refused while its node was down or synchronising: not acknowledged.
                  }
                  if (node == 0 && k == perNode / 2 && halfway.compareAndSet(false, true)) {
                    midway.run();
                  }
                }
              });
      t.start();
      writers.add(t);
    }
    for (Thread t : writers) {
      t.join(120_000);
    }
    return new ArrayList<>(acked);
  }

  void assertAllPresent(List<String> ids) {
    try (CibClient c = client(2)) {
      String xml = c.query(CibQuery.section(CibSection.RESOURCES));
      for (String id : ids) {
        assertTrue(xml.contains("id=\"" + id + "\""), "acknowledged " + id + " missing");
      }
    }
  }

  @Test
  void writersOnEveryNodeLeaveIdenticalCopiesWithEveryAcknowledgedWrite() throws Exception {
    assertEquals(1, settle().size());
    List<String> acked = writeConcurrently(30, () -> {});
    assertEquals(90, acked.size());
    assertEquals(1, settle().size(), "all copies byte-identical at the quiet point");
    assertAllPresent(acked);
  }

  @Test
  void badInputLeavesTheCibUnchangedOnEveryNode() throws Exception {
    Set<String> before = settle();
    List<CibWrite> bad =
        List.of(
            new CibWrite.Create(
                CibSection.RESOURCES, "<primitive id=\"x\" class=\"ocf\" type=\"t\"/>"),
            new CibWrite.Create(CibSection.RESOURCES, "<primitive id=\"x\""),
            new CibWrite.Create(
                CibSection.CONSTRAINTS, "<rsc_order id=\"o\" first=\"nosuch\" then=\"nosuch2\"/>"),
            new CibWrite.Delete(null, "//[", null),
            new CibWrite.Erase(false));
    try (CibClient c = client(1)) {
      for (CibWrite w : bad) {
        org.junit.jupiter.api.Assertions.assertThrows(CibException.class, () -> c.write(w, null));
      }
    }
    assertEquals(before, settle());
  }

  @Test
  void aDaemonStoppedMidStreamResyncsAndNothingAcknowledgedIsLost() throws Exception {
    settle();
    List<String> acked =
        writeConcurrently(
            30,
            () -> {
              daemons[1].close();
              try {
                Thread.sleep(50);
                startNode(1);
              } catch (Exception e) {
                throw new RuntimeException(e);
              }
            });
    assertEquals(1, settle().size());
    assertAllPresent(acked);
  }

  @Test
  void wholeClusterStopAndStartKeepsTheConfiguration() throws Exception {
    settle();
    List<String> acked = writeConcurrently(10, () -> {});
    settle();
    for (int i = 0; i < 3; i++) {
      daemons[i].close();
    }
    for (int i = 0; i < 3; i++) {
      startNode(i);
    }
    assertEquals(1, settle().size());
    assertAllPresent(acked);
  }

  @Test
  void aHealedPartitionConvergesOnTheHigherVersion() throws Exception {
    settle();
    hub.partition(List.of(List.of("node1"), List.of("node2", "node3")));
    hub.drain();
    Thread.sleep(100);
    try (CibClient c = client(0)) {
      c.write(
          new CibWrite.Create(
              CibSection.RESOURCES, "<primitive id=\"minority\" class=\"lsb\" type=\"t\"/>"),
          null);
    }
    try (CibClient c = client(1)) {
      for (int k = 0; k < 3; k++) {
        c.write(
            new CibWrite.Create(
                CibSection.RESOURCES,
                "<primitive id=\"majority" + k + "\" class=\"lsb\" type=\"t\"/>"),
            null);
      }
    }
    hub.heal();
    assertEquals(1, settle().size());
    try (CibClient c = client(0)) {
      String xml = c.query(CibQuery.section(CibSection.RESOURCES));
      assertTrue(xml.contains("majority2"), "the side with the higher epoch wins");
      assertTrue(!xml.contains("minority"), "the lower history is replaced, as Pacemaker does");
    }
  }
}
