package org.pacer.cli.demo;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * {@code bin/pacer-demo [--dir DIR] [--token MS]}: a real 3-node Pacer cluster on this machine
 * (loopback 127.0.0.1-3, one root directory per node), as an ordinary user, with a failover to
 * watch. Everything it starts is stopped at the end, also on Ctrl-C or failure (by pid, see {@link
 * DemoCluster}). Exit 0 when every step happened and nothing is left running.
 *
 * <p>{@code --dir DIR} runs in DIR and keeps it (logs, {@code pids.txt}); by default a temporary
 * directory is used and removed at the end unless the demo failed.
 */
public final class DemoMain {

  private DemoMain() {}

  public static void main(String[] args) {
    System.exit(run(args, System.out));
  }

  static int run(String[] args, PrintStream out) {
    Path dirOption = null;
    long tokenMs = 1000;
    try {
      for (int i = 0; i < args.length; i++) {
        switch (args[i]) {
          case "--dir" -> dirOption = Path.of(value(args, ++i, "--dir"));
          case "--token" -> tokenMs = millis(value(args, ++i, "--token"));
          case "-h", "--help" -> {
            out.println("usage: pacer-demo [--dir DIR] [--token MS]");
            return 0;
          }
          default -> throw new IllegalArgumentException("unknown option " + args[i]);
        }
      }
      if (tokenMs < 100) {
        throw new IllegalArgumentException("--token must be at least 100 ms");
      }
    } catch (IllegalArgumentException e) {
      System.err.println(
          "pacer-demo: " + e.getMessage() + " (usage: pacer-demo [--dir DIR] [--token MS])");
      return 2;
    }
    Path repo;
    Path dir;
    try {
      repo = Checkout.repo();
      checkTools();
      dir =
          dirOption != null
              ? Files.createDirectories(dirOption).toAbsolutePath()
              : Files.createTempDirectory("pacer-demo-");
    } catch (IOException | IllegalStateException e) {
      System.err.println("pacer-demo: " + e.getMessage());
      return 1;
    }
    DemoCluster cluster;
    try {
      cluster = new DemoCluster(dir, Demo.NODES, environment(repo, dir));
    } catch (IOException e) {
      System.err.println("pacer-demo: cannot prepare " + dir + ": " + e.getMessage());
      return 1;
    }
    AtomicBoolean finished = new AtomicBoolean();
    Thread onInterrupt =
        new Thread(
            () -> {
              if (!finished.get()) {
                List<String> killed = cluster.killEverything();
                System.err.println(
                    "pacer-demo: interrupted; killed "
                        + killed.size()
                        + " process(es) it had started; logs in "
                        + dir);
              }
            },
            "demo-cleanup");
    Runtime.getRuntime().addShutdownHook(onInterrupt);
    out.println("Pacer demo: a 3-node cluster on this machine, in " + dir);
    boolean ok = false;
    try (Probes probes = new Probes()) {
      Demo.Result result = new Demo(cluster, probes, out, tokenMs).run();
      summary(out, result);
      ok = true;
    } catch (Exception e) {
      out.println();
      out.println("pacer-demo: FAILED: " + e.getMessage());
    } finally {
      List<String> killed = cluster.killEverything();
      List<ProcessHandle> left = cluster.survivors();
      finished.set(true);
      if (!killed.isEmpty()) {
        out.println("  Killed what did not stop by itself:");
        killed.forEach(k -> out.println("    " + k));
      }
      if (!left.isEmpty()) {
        out.println("pacer-demo: processes still alive: " + left);
        ok = false;
      } else {
        out.println("Nothing of the demo is left running.");
      }
    }
    if (ok && dirOption == null) {
      try {
        DemoCluster.deleteTree(dir);
      } catch (IOException e) {
        out.println("(could not remove " + dir + ": " + e.getMessage() + ")");
      }
    } else if (!ok) {
      out.println("Every node's logs are in " + dir + "/n*/var/log/pacer/");
    }
    return ok ? 0 : 1;
  }

  private static void summary(PrintStream out, Demo.Result r) {
    Map<String, Long> t = r.failover();
    Map<String, String> d = r.details();
    out.println();
    out.printf(
        "Failover: %s lost at +0.0s, gone from the membership at %s, fenced at %s,"
            + " site started on %s at %s, page served again at %s.%n",
        r.victim(),
        secs(t.get("lost")),
        secs(t.get("fenced")),
        d.get("site"),
        secs(t.get("site")),
        secs(t.get("page")));
  }

  private static String secs(Long ms) {
    return String.format("+%.1fs", ms / 1000.0);
  }

  private static long millis(String text) {
    try {
      return Long.parseLong(text);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("--token takes milliseconds, not '" + text + "'");
    }
  }

  private static String value(String[] args, int i, String option) {
    if (i >= args.length) {
      throw new IllegalArgumentException(option + " needs a value");
    }
    return args[i];
  }

  /** What every crm run and every daemon of the demo gets in its environment. */
  private static Map<String, String> environment(Path repo, Path dir) throws IOException {
    Map<String, String> env = new LinkedHashMap<>();
    env.put("OCF_ROOT", Checkout.ocfRoot(repo, dir).toString());
    env.put(DemoStonithd.DIRS_ENV, repo.resolve("agents/fence").toString());
    env.put("PACER_DAEMON_JAVA_OPTS", DemoCluster.DAEMON_JAVA_OPTS);
    Path helpers = repo.resolve("crmd/target/bin");
    if (Files.isExecutable(helpers.resolve("crm_master"))) {
      env.put("PACER_HELPER_DIR", helpers.toString());
    }
    return env;
  }

  /** The demo's agents are shell scripts; say what is missing before starting anything. */
  private static void checkTools() {
    for (String tool : List.of("python3", "setsid", "perl")) {
      boolean found = false;
      for (String d : System.getenv().getOrDefault("PATH", "/usr/bin:/bin").split(":")) {
        if (Files.isExecutable(Path.of(d, tool))) {
          found = true;
          break;
        }
      }
      if (!found) {
        throw new IllegalStateException(
            tool
                + " is not installed: the demo's web server agent and Pacer's executor need it"
                + " (Debian: apt install "
                + (tool.equals("setsid") ? "util-linux" : tool)
                + ")");
      }
    }
  }
}
