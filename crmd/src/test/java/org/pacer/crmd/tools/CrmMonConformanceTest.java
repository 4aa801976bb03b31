package org.pacer.crmd.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Our crm_mon -1 (and -r) against Debian's on the scheduler corpus (CIB_file): the same node list
 * and resource list. The summary lines that hold the time ("Last updated") are compared without it.
 * A sample by default; {@code -Dcrmd.graphs.all=true} for all. Where pengine's status lines
 * themselves differ from Pacemaker's, that is pengine's conformance (its own test reports it); this
 * test reports how many inputs match and fails only if our layout breaks the common ones.
 */
class CrmMonConformanceTest {

  static final Path CORPUS = Path.of("../../shared/conformance/pacemaker-scheduler/xml");

  @Test
  void sameViewAsPacemakersCrmMon() throws Exception {
    List<Path> inputs = corpusInputs();
    boolean all = Boolean.getBoolean("crmd.graphs.all");
    int compared = 0;
    List<String> differ = new ArrayList<>();
    for (int i = 0; i < inputs.size(); i++) {
      if (!all && i % 20 != 0) {
        continue;
      }
      Path in = inputs.get(i);
      for (List<String> args : List.of(List.of("-1"), List.of("-1", "-r"))) {
        String theirs = theirs(in, args);
        if (theirs == null) {
          continue;
        }
        ToolResult ours = CrmMon.run(args, new FileCibBackend(in), ZonedDateTime.now());
        if (ours.exitCode() != 0) {
          continue; // pengine refuses this input (bundles)
        }
        compared++;
        String a = comparable(theirs);
        String b = comparable(ours.stdout());
        if (!a.equals(b)) {
          differ.add(in.getFileName() + " " + args + ":\n--- crm_mon\n" + a + "--- ours\n" + b);
        }
      }
    }
    assumeTrue(compared > 0, "nothing compared");
    // The layout is ours; the lines inside come from pengine. Most inputs must match exactly.
    double share = 1.0 - (double) differ.size() / compared;
    System.out.println(
        "crm_mon: " + (compared - differ.size()) + " of " + compared + " views equal");
    for (String d : differ) {
      System.out.println("DIFF " + d);
    }
    assertEquals(
        true,
        share >= 0.6,
        differ.size()
            + " of "
            + compared
            + " differ; first:\n"
            + (differ.isEmpty() ? "" : differ.get(0)));
  }

  /** The corpus CIBs, sorted; skips the test without the corpus or Debian's crm_mon. */
  static List<Path> corpusInputs() throws java.io.IOException {
    assumeTrue(Files.isDirectory(CORPUS), "no conformance corpus");
    assumeTrue(Files.isExecutable(Path.of("/usr/sbin/crm_mon")), "no crm_mon");
    try (Stream<Path> s = Files.list(CORPUS)) {
      return s.filter(p -> p.toString().endsWith(".xml")).sorted().toList();
    }
  }

  static String theirs(Path cib, List<String> args) throws Exception {
    List<String> cmd = new ArrayList<>(List.of("/usr/sbin/crm_mon"));
    cmd.addAll(args);
    ProcessBuilder pb = new ProcessBuilder(cmd);
    pb.environment().put("CIB_file", cib.toString());
    pb.environment().put("LC_ALL", "C");
    Process p = pb.start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    p.getErrorStream().readAllBytes();
    if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
      return null;
    }
    return out;
  }

  /**
   * Without the clock line, up to the failed actions (cli's CrmStatusConformanceTest has those).
   */
  static String comparable(String text) {
    StringBuilder sb = new StringBuilder();
    for (String line : text.split("\n")) {
      if (line.startsWith("Failed Resource Actions") || line.startsWith("Failed Fencing")) {
        break;
      }
      if (line.startsWith("  * Last updated:")) {
        continue;
      }
      sb.append(line).append('\n');
    }
    return sb.toString().strip() + "\n";
  }

  static Map<String, String> none() {
    return Map.of();
  }
}
