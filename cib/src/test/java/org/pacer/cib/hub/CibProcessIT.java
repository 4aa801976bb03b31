package org.pacer.cib.hub;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
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
import org.pacer.messaging.paths.NodePaths;
import org.pacer.messaging.rpc.ClientOptions;
import org.pacer.messaging.transport.Endpoint;
import org.pacer.messaging.transport.EventLoops;

/**
 * Three CIB daemons as separate processes, joined by {@link GroupHubServer}: writers on every node,
 * SIGKILL of a daemon mid-stream and restart, SIGKILL of the whole cluster and restart, and a
 * truncated cib.xml on restart. Every acknowledged write must survive and every copy must end
 * byte-identical.
 */
class CibProcessIT {
  static final List<String> NODES = List.of("node1", "node2", "node3");
  @TempDir Path base;
  EventLoops loops;
  GroupHubServer hub;
  final Process[] processes = new Process[3];

  @BeforeEach
  void start() throws Exception {
    loops = EventLoops.create("it", 2);
    hub = new GroupHubServer(loops);
    for (int i = 0; i < 3; i++) {
      launch(i);
    }
  }

  @AfterEach
  void stop() {
    for (Process p : processes) {
      if (p != null && p.isAlive()) {
        p.destroyForcibly();
        try {
          p.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
    }
    hub.close();
    loops.close();
  }

  NodePaths paths(int i) {
    return new NodePaths(base.resolve(NODES.get(i)));
  }

  void launch(int i) throws Exception {
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    Files.createDirectories(base.resolve("logs"));
    processes[i] =
        new ProcessBuilder(
                java.toString(),
                "-Xmx192m",
                "-XX:+UseSerialGC",
                "-cp",
                System.getProperty("java.class.path"),
                HubCibDaemon.class.getName(),
                "--root",
                paths(i).root().toString(),
                "--node",
                NODES.get(i),
                "--hub",
                Integer.toString(hub.port()))
            .redirectErrorStream(true)
            .redirectOutput(
                ProcessBuilder.Redirect.appendTo(
                    base.resolve("logs/" + NODES.get(i) + ".log").toFile()))
            .start();
    // Ready when its socket answers.
    try (CibClient c = client(i, Duration.ofSeconds(30))) {
      c.status();
    }
  }

  void kill(int i) throws InterruptedException {
    processes[i].destroyForcibly(); // SIGKILL: no shutdown hook, no final write
    processes[i].waitFor(10, TimeUnit.SECONDS);
  }

  CibClient client(int i, Duration connectWait) {
    return CibClient.connect(
        loops,
        new Endpoint.Local(paths(i).socket("cib")),
        ClientOptions.named("it").withConnectWait(connectWait).withReconnect(false),
        Duration.ofSeconds(30));
  }

  Set<String> settle() throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    Set<String> digests = new HashSet<>();
    while (System.nanoTime() < deadline) {
      digests.clear();
      boolean busy = false;
      for (int i = 0; i < 3; i++) {
        try (CibClient c = client(i, Duration.ofSeconds(5))) {
          var s = c.status();
          digests.add(s.path("digest").asText());
          busy |= s.path("syncing").asBoolean() || s.path("members").size() != 3;
        }
      }
      if (digests.size() == 1 && !busy) {
        return digests;
      }
      Thread.sleep(100);
    }
    return digests;
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
          assertTrue(xml.contains("id=\"" + id + "\""), NODES.get(i) + " lacks acknowledged " + id);
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
                kill(1);
                launch(1);
              } catch (Exception e) {
                throw new RuntimeException(e);
              }
            });
    assertTrue(acked.size() > 60, "most writes acknowledged: " + acked.size());
    assertEquals(1, settle().size(), "copies byte-identical after the restart");
    assertAllPresent(acked);
  }

  @Test
  void killingTheWholeClusterKeepsTheConfiguration() throws Exception {
    settle();
    List<String> acked = writeConcurrently(15, () -> {});
    for (int i = 0; i < 3; i++) {
      kill(i);
    }
    for (int i = 0; i < 3; i++) {
      launch(i);
    }
    assertEquals(1, settle().size());
    assertAllPresent(acked);
  }

  @Test
  void aTruncatedCibXmlIsRefusedAndTheNodeRecovers() throws Exception {
    settle();
    List<String> acked = writeConcurrently(5, () -> {});
    settle();
    kill(2);
    Path cib = paths(2).libDir().resolve("cib/cib.xml");
    byte[] bytes = Files.readAllBytes(cib);
    Files.write(cib, java.util.Arrays.copyOf(bytes, bytes.length / 3));
    launch(2);
    assertEquals(1, settle().size());
    assertAllPresent(acked);
    String log = Files.readString(base.resolve("logs/node3.log"));
    assertTrue(log.contains("digest mismatch"), "the refusal is logged with its reason");
    try (var files = Files.list(paths(2).libDir().resolve("cib"))) {
      assertTrue(files.anyMatch(p -> p.getFileName().toString().startsWith("cib.xml.refused-")));
    }
  }
}
