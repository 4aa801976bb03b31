package org.pacer.cli.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Runs the README's first command, {@code bin/pacer-demo}, from the built tree as its own process,
 * and checks what it promises: the page is served again, from another node, after the node running
 * it was cut off and fenced; and every process the demo started is gone afterwards (by the pids and
 * start times it recorded, and by any process still naming its directory).
 */
class DemoIT {

  private static final Path DEMO = Path.of("../bin/pacer-demo").toAbsolutePath().normalize();

  @Test
  void theDemoFailsOverServesThePageAgainAndLeavesNothingRunning() throws Exception {
    assumeTrue(onPath("python3"), "the demo's web server agent needs python3");
    assumeTrue(Files.isRegularFile(Path.of("target/pacer-cli.jar")), "cli is not packaged");
    Path dir = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "demo-it-");
    Path output = dir.resolveSibling(dir.getFileName() + ".out");
    Process demo =
        new ProcessBuilder(DEMO.toString(), "--dir", dir.toString())
            .redirectErrorStream(true)
            .redirectOutput(output.toFile())
            .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
            .start();
    try {
      assertTrue(demo.waitFor(5, TimeUnit.MINUTES), "the demo did not finish within 5 minutes");
    } finally {
      if (demo.isAlive()) {
        // Its shutdown hook kills what it started.
        demo.destroy();
        demo.waitFor(60, TimeUnit.SECONDS);
      }
    }
    String out = Files.readString(output, StandardCharsets.UTF_8);
    System.out.println(out);
    assertEquals(0, demo.exitValue(), "the demo failed:\n" + out);

    Matcher cut = Pattern.compile("Cutting off (n\\d), the node running the site").matcher(out);
    assertTrue(cut.find(), out);
    String victim = cut.group(1);
    Matcher fenced = Pattern.compile("\\+\\s*[\\d.]+s  " + victim + " fenced \\(").matcher(out);
    assertTrue(fenced.find(), "the lost node was fenced:\n" + out);
    assertTrue(out.contains("the page is served again at"), out);
    // The page as fetched after the failover: deployed by the node the site moved to.
    Matcher again = Pattern.compile("\\n    Deployed on (n\\d) at").matcher(out);
    assertTrue(again.find(cut.end()), "the page was served after the failover:\n" + out);
    assertTrue(!again.group(1).equals(victim), "served by another node than " + victim);
    assertTrue(out.contains("Failover: " + victim + " lost at +0.0s"), out);
    assertTrue(out.contains("Nothing of the demo is left running."), out);

    List<String> alive = new ArrayList<>();
    List<String> pids = Files.readAllLines(dir.resolve("pids.txt"));
    assertTrue(pids.size() >= 3 * 7, "every node's supervisor and daemons were recorded: " + pids);
    for (String line : pids) {
      String[] f = line.split(" ");
      Instant started = Instant.ofEpochMilli(Long.parseLong(f[1]));
      ProcessHandle.of(Long.parseLong(f[0]))
          .filter(ProcessHandle::isAlive)
          .filter(h -> h.info().startInstant().map(started::equals).orElse(false))
          .ifPresent(h -> alive.add(line + " " + h.info().commandLine().orElse("?")));
    }
    ProcessHandle.allProcesses()
        .filter(h -> cmdline(h).contains(dir.toString()))
        .forEach(h -> alive.add(h.pid() + " " + cmdline(h)));
    assertEquals(List.of(), alive, "processes of the demo still alive");
    deleteTree(dir);
  }

  private static String cmdline(ProcessHandle h) {
    try {
      return Files.readString(Path.of("/proc", Long.toString(h.pid()), "cmdline"))
          .replace('\0', ' ');
    } catch (IOException e) {
      return "";
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

  private static void deleteTree(Path root) throws IOException {
    try (var walk = Files.walk(root)) {
      for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}
