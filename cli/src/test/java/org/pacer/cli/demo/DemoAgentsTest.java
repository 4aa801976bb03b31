package org.pacer.cli.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The demo's OCF agents, run as the executor runs them (environment in, exit code and {@code
 * ocf-exit-reason} out): {@code ocf:pacer:HttpServer} really serves the page and answers every
 * action with OCF's codes; {@code ocf:pacer:Site} deploys and withdraws it. Debian's ocf-tester
 * runs both too when resource-agents is installed.
 */
class DemoAgentsTest {

  private static final Path AGENTS = Checkout.repo().resolve("agents/ocf");

  @TempDir Path dir;

  private record Run(int rc, String out, String err) {}

  private Run agent(String agent, String action, Map<String, String> params) throws Exception {
    ProcessBuilder pb = new ProcessBuilder(AGENTS.resolve(agent).toString(), action);
    Map<String, String> env = pb.environment();
    env.put("HA_RSCTMP", dir.resolve("rsc").toString());
    env.put("OCF_RESKEY_CRM_meta_on_node", "n7");
    params.forEach((k, v) -> env.put(k.startsWith("OCF_") ? k : "OCF_RESKEY_" + k, v));
    Path err = dir.resolve("err.txt");
    pb.redirectError(err.toFile());
    pb.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
    Process p = pb.start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(30, TimeUnit.SECONDS), agent + " " + action + " did not finish");
    return new Run(p.exitValue(), out, Files.readString(err));
  }

  private Map<String, String> web(int port) {
    Map<String, String> m = new LinkedHashMap<>();
    m.put("OCF_RESOURCE_INSTANCE", "web");
    m.put("ip", "127.0.0.1");
    m.put("port", Integer.toString(port));
    m.put("docroot", dir.resolve("www").toString());
    return m;
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket()) {
      s.bind(new InetSocketAddress("127.0.0.1", 0));
      return s.getLocalPort();
    }
  }

  private static boolean onPath(String tool) {
    for (String d : System.getenv().getOrDefault("PATH", "/usr/bin:/bin").split(":")) {
      if (Files.isExecutable(Path.of(d, tool))) {
        return true;
      }
    }
    return false;
  }

  @AfterEach
  void killServersLeft() throws IOException {
    // A failed assertion must not leave a web server behind: kill it by its pid file.
    Path rsc = dir.resolve("rsc");
    if (!Files.isDirectory(rsc)) {
      return;
    }
    try (var files = Files.list(rsc)) {
      for (Path f : files.filter(f -> f.toString().endsWith(".pid")).toList()) {
        ProcessHandle.of(Long.parseLong(Files.readString(f).trim()))
            .ifPresent(ProcessHandle::destroyForcibly);
      }
    }
  }

  @Test
  void httpServerServesThePageAndAnswersWithOcfCodes() throws Exception {
    assumeTrue(onPath("python3"), "no python3");
    int port = freePort();
    Map<String, String> p = web(port);
    Run meta = agent("HttpServer", "meta-data", Map.of());
    assertEquals(0, meta.rc());
    assertTrue(meta.out().contains("<parameter name=\"port\" unique=\"1\" required=\"1\">"));
    assertEquals(7, agent("HttpServer", "monitor", p).rc(), "probe before start: not running");
    Run noDocroot = agent("HttpServer", "start", p);
    assertEquals(6, noDocroot.rc());
    assertTrue(noDocroot.err().contains("ocf-exit-reason:docroot"), noDocroot.err());

    Files.createDirectories(dir.resolve("www"));
    Files.writeString(dir.resolve("www/index.html"), "hello from the demo\n");
    assertEquals(0, agent("HttpServer", "start", p).rc());
    HttpResponse<String> page =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/")).build(),
                HttpResponse.BodyHandlers.ofString());
    assertEquals(200, page.statusCode());
    assertEquals("hello from the demo\n", page.body());
    assertEquals(0, agent("HttpServer", "monitor", p).rc());
    assertEquals(0, agent("HttpServer", "start", p).rc(), "start of a running server is 0");

    Map<String, String> other = new LinkedHashMap<>(p);
    other.put("OCF_RESOURCE_INSTANCE", "web2");
    Run taken = agent("HttpServer", "start", other);
    assertEquals(1, taken.rc(), "a second server on a taken address");
    assertTrue(taken.err().contains("another process already serves"), taken.err());
    assertEquals(7, agent("HttpServer", "monitor", other).rc());

    assertEquals(0, agent("HttpServer", "stop", p).rc());
    assertEquals(7, agent("HttpServer", "monitor", p).rc());
    assertEquals(0, agent("HttpServer", "stop", p).rc(), "stop of a stopped server is 0");
    assertEquals(3, agent("HttpServer", "migrate_to", p).rc());
    assertEquals(2, agent("HttpServer", "", p).rc());
  }

  @Test
  void httpServerValidatesItsParameters() throws Exception {
    assumeTrue(onPath("python3"), "no python3");
    Map<String, String> p = web(8080);
    assertEquals(0, agent("HttpServer", "validate-all", p).rc());
    for (String[] bad :
        List.of(
            new String[] {"port", ""},
            new String[] {"port", "http"},
            new String[] {"port", "70000"},
            new String[] {"ip", "localhost"},
            new String[] {"docroot", "www"})) {
      Map<String, String> q = new LinkedHashMap<>(p);
      q.put(bad[0], bad[1]);
      Run r = agent("HttpServer", "validate-all", q);
      assertEquals(6, r.rc(), bad[0] + "=" + bad[1]);
      assertTrue(r.err().startsWith("ocf-exit-reason:"), r.err());
      assertEquals(0, agent("HttpServer", "stop", q).rc(), "stop of what cannot run is 0");
      assertEquals(7, agent("HttpServer", "monitor", q).rc(), "probe of what cannot run");
    }
  }

  @Test
  void siteDeploysAndWithdrawsThePagePerInstance() throws Exception {
    Path www = dir.resolve("site-www");
    Map<String, String> p = Map.of("OCF_RESOURCE_INSTANCE", "site", "docroot", www.toString());
    assertEquals(7, agent("Site", "monitor", p).rc());
    assertEquals(0, agent("Site", "start", p).rc());
    assertTrue(Files.readString(www.resolve("index.html")).contains("Deployed on n7 at "));
    assertEquals(0, agent("Site", "monitor", p).rc());
    assertEquals(0, agent("Site", "stop", p).rc());
    assertFalse(Files.exists(www.resolve("index.html")));
    assertEquals(7, agent("Site", "monitor", p).rc());
    assertEquals(0, agent("Site", "stop", p).rc());
    assertEquals(6, agent("Site", "start", Map.of("docroot", "relative")).rc());

    // Clone instances on one node are separate: base:1 is not running because base:0 is.
    assertEquals(0, agent("Site", "start", Map.of("OCF_RESOURCE_INSTANCE", "base:0")).rc());
    assertEquals(0, agent("Site", "monitor", Map.of("OCF_RESOURCE_INSTANCE", "base:0")).rc());
    assertEquals(7, agent("Site", "monitor", Map.of("OCF_RESOURCE_INSTANCE", "base:1")).rc());
  }

  @Test
  void debiansOcfTesterPassesBothAgents() throws Exception {
    assumeTrue(Files.isExecutable(Path.of("/usr/sbin/ocf-tester")), "no ocf-tester");
    assumeTrue(onPath("python3"), "no python3");
    Files.createDirectories(dir.resolve("www"));
    for (List<String> args :
        List.of(
            List.of(
                "-n",
                "web",
                "-o",
                "ip=127.0.0.1",
                "-o",
                "port=" + freePort(),
                "-o",
                "docroot=" + dir.resolve("www"),
                AGENTS.resolve("HttpServer").toString()),
            List.of(
                "-n",
                "site",
                "-o",
                "docroot=" + dir.resolve("www"),
                AGENTS.resolve("Site").toString()))) {
      List<String> command = new java.util.ArrayList<>(List.of("/usr/sbin/ocf-tester"));
      command.addAll(args);
      ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
      pb.environment().put("HA_RSCTMP", dir.resolve("rsc").toString());
      Process p = pb.start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertTrue(p.waitFor(120, TimeUnit.SECONDS));
      assertEquals(0, p.exitValue(), out);
      assertTrue(out.contains("passed all tests"), out);
    }
  }
}
