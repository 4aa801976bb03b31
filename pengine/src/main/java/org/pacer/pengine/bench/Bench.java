package org.pacer.pengine.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.pacer.pengine.Simulator;
import org.pacer.pengine.conformance.SummaryComparison;

/**
 * Scheduler benchmark: generates CIBs (resources × nodes), times Pacer's scheduler in-process
 * (warm) and as a whole process ({@code crm simulate -R} and {@code -S}, JVM start included), runs
 * Debian's crm_simulate on the same files in the same run when it is installed, checks that the
 * Transition Summaries agree, and writes a Markdown table. Process runs are measured in wall time
 * and in CPU time (user + system, from /usr/bin/time), because the machine is shared and wall time
 * alone is noisy.
 *
 * <p>Usage: {@code Bench [--sizes 100x3,1000x16,5000x32] [--dir DIR] [--write FILE] [--crm-simulate
 * PATH] [--no-reference] [--timeout SECONDS] [--sim-timeout SECONDS] [--long]}
 */
public final class Bench {
  /** A process run: wall seconds, user+system CPU seconds, peak RSS. */
  private record Timed(
      double seconds, double cpuSeconds, long rssKb, String output, boolean timedOut) {
    String wall(long timeout) {
      return timedOut ? ">" + timeout : String.format("%.2f", seconds);
    }

    String cpu() {
      return timedOut ? "-" : String.format("%.2f", cpuSeconds);
    }
  }

  private record Row(
      String size,
      long bytes,
      double inProcessMs,
      double inProcessCpuMs,
      Timed oursRun,
      Timed oursSim,
      Timed refRun,
      Timed refSim,
      String agree) {}

  private static final String BEGIN = "<!-- pengine:begin -->";
  private static final String END = "<!-- pengine:end -->";

  private Bench() {}

  public static void main(String[] args) throws Exception {
    // The default run is short (about a minute with crm_simulate); --long adds the large sizes,
    // where crm_simulate alone takes minutes (40 s of CPU and 2.4 GB at 5000 × 32).
    String sizes = "100x3,1000x3,1000x16";
    Path dir = null;
    Path write = null;
    String crmSimulate = "/usr/sbin/crm_simulate";
    boolean reference = true;
    long timeout = 900;
    long simTimeout = -1;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--sizes" -> sizes = args[++i];
        case "--long" -> sizes = "100x3,1000x3,1000x16,1000x32,5000x16,5000x32";
        case "--dir" -> dir = Path.of(args[++i]);
        case "--write" -> write = Path.of(args[++i]);
        case "--crm-simulate" -> crmSimulate = args[++i];
        case "--no-reference" -> reference = false;
        case "--timeout" -> timeout = Long.parseLong(args[++i]);
        case "--sim-timeout" -> simTimeout = Long.parseLong(args[++i]);
        default -> throw new IllegalArgumentException("unknown option " + args[i]);
      }
    }
    if (dir == null) {
      dir = Files.createTempDirectory("pengine-bench");
    }
    Files.createDirectories(dir);
    reference = reference && Files.isExecutable(Path.of(crmSimulate));
    Path self = Path.of(Bench.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    Path script = self.getParent().getParent().resolve("bin/crm-simulate");
    List<Row> rows = new ArrayList<>();
    for (String size : sizes.split(",")) {
      String[] rn = size.split("x");
      int resources = Integer.parseInt(rn[0]);
      int nodes = Integer.parseInt(rn[1]);
      Path cib = dir.resolve("bench-" + size + ".xml");
      String xml = CibGenerator.generate(resources, nodes, 42);
      Files.writeString(cib, xml);
      double[] inProcess = inProcess(xml, resources >= 5000 ? 3 : 10);
      Timed ourRun = run(List.of(script.toString(), "-R", "-x", cib.toString()), timeout);
      Timed ourSim = run(List.of(script.toString(), "-S", "-x", cib.toString()), timeout);
      Timed refRun = null;
      Timed refSim = null;
      String agree = "-";
      if (reference) {
        refRun = run(List.of(crmSimulate, "-R", "-x", cib.toString()), timeout);
        if (!refRun.timedOut()) {
          agree = agreement(refRun.output(), ourRun.output());
        }
        refSim =
            run(
                List.of(crmSimulate, "-S", "-x", cib.toString()),
                simTimeout > 0 ? simTimeout : timeout);
      }
      Row row =
          new Row(
              size,
              Files.size(cib),
              inProcess[0],
              inProcess[1],
              ourRun,
              ourSim,
              refRun,
              refSim,
              agree);
      rows.add(row);
      System.out.printf(
          "%s: in-process %.0f ms CPU, -R %s s CPU, -S %s s CPU, crm_simulate -R %s s CPU, %s%n",
          size,
          row.inProcessCpuMs(),
          ourRun.cpu(),
          ourSim.cpu(),
          refRun == null ? "-" : refRun.cpu(),
          agree);
    }
    String table = table(rows, reference, timeout, simTimeout > 0 ? simTimeout : timeout);
    System.out.print(table);
    if (write != null) {
      writeSection(write, table, String.join(" ", args));
    }
  }

  private static String agreement(String reference, String ours) {
    var exp = SummaryComparison.transitionLines(reference);
    var act = SummaryComparison.transitionLines(ours);
    if (exp == null || act == null) {
      return "no summary";
    }
    List<String> diff = SummaryComparison.diff(exp, act);
    return diff.isEmpty()
        ? "identical (" + exp.size() + " lines)"
        : diff.size() + " of " + exp.size() + " lines differ";
  }

  /** Median in-process wall and CPU time (parse + schedule) after warming up, in ms. */
  private static double[] inProcess(String xml, int runs) throws Exception {
    LocalDateTime now = LocalDateTime.ofEpochSecond(1_764_000_000L, 0, ZoneOffset.UTC);
    var mx = java.lang.management.ManagementFactory.getThreadMXBean();
    for (int i = 0; i < 3; i++) {
      Simulator.schedule(xml, now);
    }
    double[] t = new double[runs];
    double[] cpu = new double[runs];
    for (int i = 0; i < runs; i++) {
      long t0 = System.nanoTime();
      long c0 = mx.getCurrentThreadCpuTime();
      Simulator.schedule(xml, now).summary();
      t[i] = (System.nanoTime() - t0) / 1e6;
      cpu[i] = (mx.getCurrentThreadCpuTime() - c0) / 1e6;
    }
    Arrays.sort(t);
    Arrays.sort(cpu);
    return new double[] {t[runs / 2], cpu[runs / 2]};
  }

  /** Runs a command under /usr/bin/time (peak memory, CPU) and returns its wall time. */
  private static Timed run(List<String> cmd, long timeoutS)
      throws IOException, InterruptedException {
    Path stats = Files.createTempFile("bench-stats", ".txt");
    List<String> full = new ArrayList<>();
    if (Files.isExecutable(Path.of("/usr/bin/time"))) {
      full.addAll(List.of("/usr/bin/time", "-f", "%M %U %S", "-o", stats.toString()));
    }
    full.addAll(cmd);
    ProcessBuilder pb = new ProcessBuilder(full).redirectErrorStream(true);
    Path shadow = Files.createTempDirectory("bench-shadow");
    pb.environment().put("CIB_shadow_dir", shadow.toString());
    pb.environment().put("LC_ALL", "C");
    Path out = Files.createTempFile("bench-out", ".txt");
    pb.redirectOutput(out.toFile());
    long t0 = System.nanoTime();
    Process p = pb.start();
    boolean done = p.waitFor(timeoutS, TimeUnit.SECONDS);
    double seconds = (System.nanoTime() - t0) / 1e9;
    if (!done) {
      // /usr/bin/time does not pass the kill on: stop what it started too.
      p.descendants().forEach(ProcessHandle::destroyForcibly);
      p.destroyForcibly().waitFor();
    }
    long kb = 0;
    double cpu = 0;
    try {
      String[] lines = Files.readString(stats).trim().split("\n");
      String[] f = lines[lines.length - 1].trim().split("\\s+");
      kb = Long.parseLong(f[0]);
      cpu = Double.parseDouble(f[1]) + Double.parseDouble(f[2]);
    } catch (IOException | RuntimeException e) {
      kb = 0;
    }
    String output = Files.readString(out);
    Files.deleteIfExists(out);
    Files.deleteIfExists(stats);
    deleteTree(shadow);
    return new Timed(seconds, cpu, kb, output, !done);
  }

  private static void deleteTree(Path dir) throws IOException {
    try (var walk = Files.walk(dir)) {
      for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }

  private static String table(List<Row> rows, boolean reference, long timeout, long simTimeout) {
    StringBuilder s = new StringBuilder();
    s.append("| resources × nodes | CIB | Pacer in-process, warm: wall / CPU (ms) |")
        .append(" Pacer `-R` process: wall / CPU (s) | crm_simulate `-R`: wall / CPU (s) |")
        .append(" CPU speed-up `-R` | Pacer `-S`: wall / CPU (s) |")
        .append(" crm_simulate `-S`: wall / CPU (s) | peak RSS `-R` Pacer / crm_simulate (MiB) |")
        .append(" Transition Summaries |\n");
    s.append("|---|---:|---:|---:|---:|---:|---:|---:|---:|---|\n");
    for (Row r : rows) {
      Timed ref = r.refRun();
      Timed refS = r.refSim();
      String speed = "-";
      if (ref != null && !ref.timedOut() && r.oursRun().cpuSeconds() > 0) {
        speed = String.format("%.1f×", ref.cpuSeconds() / r.oursRun().cpuSeconds());
      }
      s.append(
          String.format(
              "| %s | %.1f MB | %.0f / %.0f | %s / %s | %s | %s | %s / %s | %s | %d / %s | %s |%n",
              r.size().replace("x", " × "),
              r.bytes() / 1e6,
              r.inProcessMs(),
              r.inProcessCpuMs(),
              r.oursRun().wall(timeout),
              r.oursRun().cpu(),
              ref == null ? "-" : ref.wall(timeout) + " / " + ref.cpu(),
              speed,
              r.oursSim().wall(timeout),
              r.oursSim().cpu(),
              refS == null ? "-" : refS.wall(simTimeout) + " / " + refS.cpu(),
              r.oursRun().rssKb() / 1024,
              ref == null || ref.timedOut() ? "-" : Long.toString(ref.rssKb() / 1024),
              r.agree()));
    }
    if (!reference) {
      s.append("\n(crm_simulate not installed: reference columns empty)\n");
    }
    return s.toString();
  }

  /**
   * Replaces (or appends) the pengine block of docs/performance.md, between its {@code <!--
   * pengine:begin -->} and {@code <!-- pengine:end -->} markers, leaving the other sections alone.
   */
  private static void writeSection(Path file, String table, String args) throws IOException {
    String old = Files.exists(file) ? Files.readString(file) : "# Performance\n";
    StringBuilder sec = new StringBuilder(BEGIN + "\n## pengine\n\n");
    sec.append("Measured ")
        .append(java.time.LocalDate.now(ZoneOffset.UTC))
        .append(". Scheduler benchmark over generated CIBs (standalone primitives, groups of five,")
        .append(" interleaved clones, location preferences, colocations and orderings; half of")
        .append(" the standalone and grouped resources running with start and monitor history;")
        .append(" `CibGenerator`, seed 42). Pacer and Debian's `crm_simulate` (Pacemaker 2.1.5)")
        .append(" run on the same files in the same run. Process times include JVM start. The")
        .append(" machine is shared (2 cores, other builds running), so CPU time (user + system)")
        .append(" is the fairer comparison; wall time is shown too.\n\n");
    sec.append("Command:\n\n    mvn -o -q -pl pengine -am package -DskipTests\n")
        .append("    java -cp 'pengine/target/classes:pengine/target/lib/*' ")
        .append("org.pacer.pengine.bench.Bench ")
        .append(args)
        .append("\n\n");
    sec.append(table).append(END).append('\n');
    int start = old.indexOf(BEGIN);
    int end = old.indexOf(END);
    String out;
    if (start < 0 || end < start) {
      out = (old.endsWith("\n") ? old + "\n" : old + "\n\n") + sec;
    } else {
      out = old.substring(0, start) + sec + old.substring(old.indexOf('\n', end) + 1);
    }
    Files.writeString(file, out);
  }
}
