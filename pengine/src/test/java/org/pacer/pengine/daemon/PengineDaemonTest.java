package org.pacer.pengine.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pacer.messaging.daemon.Daemon;
import org.pacer.messaging.daemon.DaemonContext;
import org.pacer.messaging.paths.NodePaths;
import org.pacer.messaging.rpc.ClientOptions;
import org.pacer.messaging.rpc.MessageClient;
import org.pacer.messaging.rpc.RemoteException;
import org.pacer.messaging.transport.Endpoint;
import org.pacer.messaging.transport.EventLoops;
import org.pacer.pengine.TestCibs;

/** The daemon over its real local socket: compute requests, kept inputs, errors by id. */
class PengineDaemonTest {
  @Test
  void computesKeepsInputsAndReportsBadCibs(@TempDir Path root) throws Exception {
    NodePaths paths = new NodePaths(root);
    Files.createDirectories(paths.runDir());
    Files.createDirectories(paths.libDir());
    Clock clock = Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC);
    try (EventLoops loops = EventLoops.create("pengine-test", 1);
        Daemon daemon =
            new PengineDaemonFactory().start(new DaemonContext(paths, "n1", loops, clock));
        MessageClient client =
            MessageClient.connect(
                loops, new Endpoint.Local(paths.socket("pengine")), ClientOptions.named("crmd"))) {
      JsonNode ok =
          client
              .request("compute", Map.of("cib", TestCibs.TWO_NODES), Duration.ofSeconds(30))
              .get(30, TimeUnit.SECONDS);
      assertEquals(
          "Start      web ( n2 )", ok.get("summary").get(0).asText().replaceAll("^\\* ", ""));
      assertTrue(ok.get("graph").asText().contains("operation_key=\"web_start_0\""));
      Path input = Path.of(ok.get("input").asText());
      assertEquals("pe-input-0.xml", input.getFileName().toString());
      assertEquals(TestCibs.TWO_NODES, Files.readString(input));

      JsonNode second =
          client
              .request("compute", Map.of("cib", TestCibs.TWO_NODES), Duration.ofSeconds(30))
              .get(30, TimeUnit.SECONDS);
      assertTrue(second.get("input").asText().endsWith("pe-input-1.xml"));

      String bad = TestCibs.TWO_NODES.replace("rsc='web' node='n2'", "rsc='ghost' node='n2'");
      ExecutionException e =
          assertThrows(
              ExecutionException.class,
              () ->
                  client
                      .request("compute", Map.of("cib", bad), Duration.ofSeconds(30))
                      .get(30, TimeUnit.SECONDS));
      RemoteException remote = assertInstanceOf(RemoteException.class, e.getCause());
      assertEquals(PengineDaemonFactory.CONFIG_ERROR, remote.code());
      assertTrue(remote.getMessage().contains("constraint pref names resource 'ghost'"));
      assertTrue(Files.exists(paths.libDir().resolve("pengine/pe-error-0.xml")));

      ExecutionException missing =
          assertThrows(
              ExecutionException.class,
              () ->
                  client
                      .request("compute", Map.of("other", "x"), Duration.ofSeconds(30))
                      .get(30, TimeUnit.SECONDS));
      assertInstanceOf(RemoteException.class, missing.getCause());
    }
  }

  @Test
  void archiveWrapsAtTheSeriesMaximumAndResumesAfterRestart(@TempDir Path dir) throws Exception {
    InputArchive a = new InputArchive(dir);
    assertEquals("pe-input-0.xml", a.save("<a/>", false, 2).getFileName().toString());
    assertEquals("pe-input-1.xml", a.save("<b/>", false, 2).getFileName().toString());
    assertEquals("pe-input-0.xml", a.save("<c/>", false, 2).getFileName().toString());
    assertEquals("<c/>", Files.readString(dir.resolve("pe-input-0.xml")));
    InputArchive again = new InputArchive(dir);
    assertEquals("pe-input-2.xml", again.save("<d/>", false, 10).getFileName().toString());
    assertEquals(null, again.save("<e/>", false, 0));
  }
}
