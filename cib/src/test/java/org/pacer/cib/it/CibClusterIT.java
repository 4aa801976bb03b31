package org.pacer.cib.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
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

/**
 * Three nodes of real processes — pacer-membership (the ring on loopback) and pacer-cib on each —
 * with writers on every node: SIGKILL of a cib daemon mid-stream and restart, SIGKILL of every cib
 * daemon and restart, and a truncated cib.xml on restart. Every acknowledged write must be on every
 * node and all copies byte-identical (same digest) at each quiet point.
 */
class CibClusterIT {
  @TempDir Path dir;
  NodeProcesses nodes;

  @BeforeEach
  void start() throws Exception {
    nodes = new NodeProcesses(dir, 3);
    nodes.startAll();
  }

  @AfterEach
  void stop() throws Exception {
    nodes.close();
  }

  void startCib(int i) throws Exception {
    nodes.startCibAndWait(i);
  }

  CibClient client(int i, Duration connectWait) {
    return nodes.client(i, connectWait);
  }

  Set<String> settle() throws Exception {
    return nodes.settle(Duration.ofSeconds(90));
  }

  List<String> writeConcurrently(int perNode, Runnable midway) throws Exception {
    ConcurrentLinkedQueue<String> acked = new ConcurrentLinkedQueue<>();
    AtomicBoolean fired = new AtomicBoolean();
    List<Thread> writers = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      int node = i;
      Thread t =
          new Thread(
              () -> {
                CibClient c = null;
                for (int k = 0; k < perNode; k++) {
                  String id = "p" + node + "_" + k;
                  try {
                    if (c == null) {
                      c = client(node, Duration.ZERO);
                    }
                    c.write(
                        new CibWrite.Create(
                            CibSection.RESOURCES,
                            "<primitive id=\"" + id + "\" class=\"lsb\" type=\"t\"/>"),
                        null);
                    acked.add(id);
                  } catch (CibException e) {
                    // Its daemon was down or the write was cut off: not acknowledged.
                    if (c != null) {
                      c.close();
                      c = null;
                    }
                  }
                  if (node == 0 && k == perNode / 2 && fired.compareAndSet(false, true)) {
                    midway.run();
                  }
                }
                if (c != null) {
                  c.close();
                }
              });
      t.start();
      writers.add(t);
    }
    for (Thread t : writers) {
      t.join(300_000);
    }
    return new ArrayList<>(acked);
  }

  void assertAllPresent(List<String> ids) {
    for (int i = 0; i < 3; i++) {
      try (CibClient c = client(i, Duration.ofSeconds(5))) {
        String xml = c.query(CibQuery.section(CibSection.RESOURCES));
        for (String id : ids) {
          assertTrue(
              xml.contains("id=\"" + id + "\""),
              NodeProcesses.name(i) + " lacks acknowledged " + id);
        }
      }
    }
  }

  @Test
  void killNineMidStreamThenRestartLosesNothingAcknowledged() throws Exception {
    assertEquals(1, settle().size());
    List<String> acked =
        writeConcurrently(
            40,
            () -> {
              try {
                nodes.killCib(1);
                startCib(1);
              } catch (Exception e) {
                throw new RuntimeException(e);
              }
            });
    assertTrue(acked.size() > 60, "most writes acknowledged: " + acked.size());
    assertEquals(1, settle().size(), "copies byte-identical after the restart");
    assertAllPresent(acked);
  }

  @Test
  void killingEveryCibDaemonKeepsTheConfiguration() throws Exception {
    settle();
    List<String> acked = writeConcurrently(15, () -> {});
    for (int i = 0; i < 3; i++) {
      nodes.killCib(i);
    }
    for (int i = 0; i < 3; i++) {
      startCib(i);
    }
    assertEquals(1, settle().size());
    assertAllPresent(acked);
  }

  @Test
  void aTruncatedCibXmlIsRefusedAndTheNodeRecovers() throws Exception {
    settle();
    List<String> acked = writeConcurrently(5, () -> {});
    settle();
    nodes.killCib(2);
    Path cib = nodes.paths(2).libDir().resolve("cib/cib.xml");
    byte[] bytes = Files.readAllBytes(cib);
    Files.write(cib, java.util.Arrays.copyOf(bytes, bytes.length / 3));
    startCib(2);
    assertEquals(1, settle().size());
    assertAllPresent(acked);
    assertTrue(
        Files.readString(nodes.cibLog(2)).contains("digest mismatch"),
        "the refusal is logged with its reason");
    try (var files = Files.list(nodes.paths(2).libDir().resolve("cib"))) {
      assertTrue(files.anyMatch(p -> p.getFileName().toString().startsWith("cib.xml.refused-")));
    }
  }
}
