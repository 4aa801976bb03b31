package org.pacer.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.pacer.it.harness.Command;
import org.pacer.it.harness.Network;
import org.pacer.it.harness.Privileges;
import org.pacer.it.harness.TestCluster;
import org.pacer.it.harness.TestNode;

/**
 * The classic: a virtual IP (the real ocf:heartbeat:IPaddr2) grouped with a web server (the real
 * ocf:heartbeat:anything running python3's http.server on the VIP) on 3 namespace nodes. A client
 * in a fourth namespace fetches the page through the VIP ten times a second while the node running
 * it loses power; the test reports how long the service was unreachable, and that the VIP was never
 * up on two nodes at once.
 */
class HaServiceIT {

  private static final Path AGENTS = Path.of("/usr/lib/ocf/resource.d/heartbeat");

  /** The client: one line per attempt, "epoch-ms ok|fail". */
  private static final String CLIENT =
      "import sys, time, urllib.request\n"
          + "url, end = sys.argv[1], time.time() + float(sys.argv[2])\n"
          + "while time.time() < end:\n"
          + "    t = time.time()\n"
          + "    try:\n"
          + "        ok = b'pacer' in urllib.request.urlopen(url, timeout=0.5).read()\n"
          + "    except Exception:\n"
          + "        ok = False\n"
          + "    print('%d %s' % (t * 1000, 'ok' if ok else 'fail'), flush=True)\n"
          + "    time.sleep(max(0, 0.1 - (time.time() - t)))\n";

  private static String group(String vip, Path docroot) {
    return "<group id=\"web\">"
        + "<primitive id=\"vip\" class=\"ocf\" provider=\"heartbeat\" type=\"IPaddr2\">"
        + "<instance_attributes id=\"vip-ia\">"
        + "<nvpair id=\"vip-ip\" name=\"ip\" value=\""
        + vip
        + "\"/><nvpair id=\"vip-mask\" name=\"cidr_netmask\" value=\"24\"/>"
        + "</instance_attributes><operations>"
        + "<op id=\"vip-mon\" name=\"monitor\" interval=\"2s\" timeout=\"20s\"/>"
        + "</operations></primitive>"
        + "<primitive id=\"www\" class=\"ocf\" provider=\"heartbeat\" type=\"anything\">"
        + "<instance_attributes id=\"www-ia\">"
        + "<nvpair id=\"www-bin\" name=\"binfile\" value=\"/usr/bin/python3\"/>"
        + "<nvpair id=\"www-cmd\" name=\"cmdline_options\" value=\"-m http.server 8080 --bind "
        + vip
        + " --directory "
        + docroot
        + "\"/></instance_attributes><operations>"
        + "<op id=\"www-mon\" name=\"monitor\" interval=\"2s\" timeout=\"20s\"/>"
        + "</operations></primitive></group>";
  }

  /** The nodes whose namespace has the VIP configured now. */
  private static List<String> holders(TestCluster cluster, String vip) throws Exception {
    List<String> on = new ArrayList<>();
    for (Network.Host h : cluster.network().hosts()) {
      if (h.name().startsWith("n")
          && Command.run(List.of("ip", "-n", h.namespace(), "-o", "addr", "show"))
              .output()
              .contains(" " + vip + "/")) {
        on.add(h.name());
      }
    }
    return on;
  }

  @Test
  void virtualIpAndWebServerFailOverWhenTheActiveNodeLosesPower() throws Exception {
    assumeTrue(Privileges.namespaces(), "needs root, ip and nft (network namespaces)");
    assumeTrue(
        Files.isExecutable(AGENTS.resolve("IPaddr2"))
            && Files.isExecutable(AGENTS.resolve("anything")),
        "needs resource-agents (IPaddr2, anything)");
    boolean passed = false;
    try (TestCluster cluster = TestCluster.builder("ha").nodes(3).namespaces(true).build()) {
      try {
        Network.Host client = cluster.network().addHost("client", 9);
        String subnet = client.address().substring(0, client.address().lastIndexOf('.'));
        String vip = subnet + ".100";
        Path docroot = Files.createDirectories(cluster.dir().resolve("www"));
        Files.writeString(docroot.resolve("index.html"), "pacer\n");
        Path script = cluster.dir().resolve("client.py");
        Files.writeString(script, CLIENT);
        String url = "http://" + vip + ":8080/";

        cluster.start();
        cluster.configureFencing(Map.of("stonith-timeout", "30s"));
        cluster.configure(Map.of(), group(vip, docroot));
        cluster.await(
            "the page through the VIP", Duration.ofSeconds(150), () -> fetch(cluster, url));
        List<String> before = holders(cluster, vip);
        assertEquals(1, before.size(), "the VIP is on one node: " + before);
        TestNode active =
            cluster.nodes().stream().filter(n -> n.name().equals(before.get(0))).findFirst().get();

        Path log = cluster.dir().resolve("client.log");
        Process fetcher =
            new ProcessBuilder(
                    cluster
                        .network()
                        .inHost("client", List.of("python3", script.toString(), url, "120")))
                .redirectOutput(log.toFile())
                .redirectErrorStream(true)
                .start();
        try {
          Thread.sleep(2_000);
          long killedAt = System.currentTimeMillis();
          active.powerOff();
          List<String> twice = new ArrayList<>();
          long back = -1;
          long giveUp = System.nanoTime() + TimeUnit.SECONDS.toNanos(100);
          while (System.nanoTime() < giveUp && back < 0) {
            List<String> now = holders(cluster, vip);
            // The dead node's namespace keeps its addresses, but its link is down: count the live.
            now.remove(active.name());
            if (now.size() > 1) {
              twice.add(now.toString());
            }
            back = firstOkAfter(log, killedAt);
            Thread.sleep(200);
          }
          assertTrue(back > 0, "the service never came back; client log in " + log);
          assertEquals(List.of(), twice, "the VIP was on two live nodes at once");
          long outage = back - killedAt;
          List<String> after = holders(cluster, vip);
          after.remove(active.name());
          System.out.printf(
              "HA service: %s lost power; the page answered again through %s after %d ms"
                  + " (VIP now on %s)%n",
              active, vip, outage, after);
          Files.writeString(
              cluster.dir().resolve("..").resolve("ha-service-outage.txt"),
              outage + " ms, active " + active + ", then " + after + "\n",
              java.nio.file.StandardOpenOption.CREATE,
              java.nio.file.StandardOpenOption.APPEND);
          passed = true;
        } finally {
          fetcher.destroyForcibly();
          fetcher.waitFor(10, TimeUnit.SECONDS);
        }
      } finally {
        if (!passed) {
          cluster.keepLogs();
        }
      }
    }
  }

  private static boolean fetch(TestCluster cluster, String url) {
    try {
      return Command.run(
              cluster
                  .network()
                  .inHost(
                      "client",
                      List.of(
                          "python3",
                          "-c",
                          "import urllib.request,sys; sys.exit(0 if b'pacer' in "
                              + "urllib.request.urlopen('"
                              + url
                              + "', timeout=1).read() else 1)")))
          .ok();
    } catch (Exception e) {
      return false;
    }
  }

  /**
   * The time of the first successful fetch after the first failed one after {@code after} (a fetch
   * begun just before the power went may still have succeeded), or -1.
   */
  private static long firstOkAfter(Path log, long after) throws Exception {
    if (!Files.exists(log)) {
      return -1;
    }
    String text = Files.readString(log);
    boolean failed = false;
    for (String line : text.substring(0, text.lastIndexOf('\n') + 1).split("\n")) {
      String[] f = line.trim().split(" ");
      if (f.length != 2 || Long.parseLong(f[0]) <= after) {
        continue;
      }
      if (f[1].equals("fail")) {
        failed = true;
      } else if (failed) {
        return Long.parseLong(f[0]);
      }
    }
    return -1;
  }
}
