package org.pacer.crmd.bench;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.pacer.crmd.tools.MemoryBackend;
import org.pacer.crmd.tools.ToolHost;
import org.pacer.messaging.testing.PerformanceReport;

/**
 * Whole-process latency of the helper commands as an agent sees it: fork, exec, run, exit. Compares
 * Pacer's thin client (to a warm tool service), the same command in a JVM of its own, and Debian's
 * Pacemaker crm_attribute on a CIB file. Writes its table into docs/performance.md.
 *
 * <p>Run: {@value #COMMAND}
 */
public final class ToolClientBench {

  static final String COMMAND =
      "mvn -q -pl crmd -am test-compile && mvn -q -pl crmd exec:java -Dexec.classpathScope=test"
          + " -Dexec.mainClass=org.pacer.crmd.bench.ToolClientBench";

  private ToolClientBench() {}

  public static void main(String[] args) throws Exception {
    if (!ToolHost.clientBuilt()) {
      throw new IllegalStateException("build pacer-tool first (mvn -pl crmd compile, needs gcc)");
    }
    Path root = Files.createTempDirectory("pacer-bench");
    List<String[]> rows = new ArrayList<>();
    MemoryBackend cluster = new MemoryBackend("node1", "node1", "node2", "node3");
    try (ToolHost host = new ToolHost(root, cluster)) {
      host.call("crm_attribute", Map.of(), "-N", "node1", "-n", "site", "-v", "a");
      rows.add(
          measure(
              "Pacer `crm_attribute -N node1 -n site -G -q` (thin client)",
              500,
              List.of(
                  ToolHost.CLIENT.getParent().resolve("crm_attribute").toString(),
                  "-N",
                  "node1",
                  "-n",
                  "site",
                  "-G",
                  "-q"),
              Map.of("PACER_ROOT", root.toString())));
      rows.add(
          measure(
              "Pacer `attrd_updater -n pingd -U 100` (thin client)",
              500,
              List.of(
                  ToolHost.CLIENT.getParent().resolve("attrd_updater").toString(),
                  "-n",
                  "pingd",
                  "-U",
                  "100"),
              Map.of("PACER_ROOT", root.toString())));
      rows.add(
          measure(
              "Pacer `crm_node -n` (thin client)",
              500,
              List.of(ToolHost.CLIENT.getParent().resolve("crm_node").toString(), "-n"),
              Map.of("PACER_ROOT", root.toString())));
    }
    Path cib = root.resolve("cib.xml");
    Files.writeString(
        cib,
        "<cib epoch=\"1\" num_updates=\"0\" admin_epoch=\"0\" validate-with=\"pacemaker-3.7\">"
            + "<configuration><crm_config/><nodes><node id=\"1\" uname=\"node1\">"
            + "<instance_attributes id=\"nodes-1\"><nvpair id=\"nodes-1-site\" name=\"site\""
            + " value=\"a\"/></instance_attributes></node></nodes><resources/><constraints/>"
            + "</configuration><status/></cib>");
    String cp = classPath();
    rows.add(
        measure(
            "Pacer `crm_attribute ... -G -q` in a JVM of its own (CIB_file)",
            20,
            List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xshare:auto",
                "-XX:TieredStopAtLevel=1",
                "-cp",
                cp,
                "org.pacer.crmd.tools.Tools",
                "crm_attribute",
                "-N",
                "node1",
                "-n",
                "site",
                "-G",
                "-q"),
            Map.of("CIB_file", cib.toString())));
    if (new File("/usr/sbin/crm_attribute").canExecute()) {
      rows.add(
          measure(
              "Debian Pacemaker 2.1.5 `crm_attribute ... -G -q` (CIB_file)",
              200,
              List.of("/usr/sbin/crm_attribute", "-N", "node1", "-n", "site", "-G", "-q"),
              Map.of("CIB_file", cib.toString())));
    }
    StringBuilder md = new StringBuilder();
    md.append("## crmd: helper commands\n\n");
    md.append("Measured ")
        .append(LocalDate.now())
        .append(" on this machine (2 cores), with `")
        .append(COMMAND)
        .append("`.\n\n");
    md.append(
        "| command, whole process | runs | p50 ms | p90 ms | p99 ms |\n|---|---|---|---|---|\n");
    for (String[] r : rows) {
      md.append("| ").append(String.join(" | ", r)).append(" |\n");
    }
    md.append(
        "\nEach run is a whole process started from the benchmark's JVM and waited for, as an"
            + " agent's monitor starts it. The thin client is `crmd/src/main/c/pacer-tool.c`: it"
            + " sends its arguments to the resident controller over the local socket and prints"
            + " the answer; the commands themselves run in the controller's JVM. Pacemaker's"
            + " own figure from the issue, on a running cluster, is about 24 ms a call.\n");
    PerformanceReport.update(PerformanceReport.locate(), "crmd-tools", md.toString());
    System.out.println(md);
  }

  private static String[] measure(String label, int runs, List<String> cmd, Map<String, String> env)
      throws Exception {
    long[] nanos = new long[runs];
    for (int i = -Math.min(20, runs / 5); i < runs; i++) {
      ProcessBuilder pb =
          new ProcessBuilder(cmd)
              .redirectOutput(ProcessBuilder.Redirect.DISCARD)
              .redirectError(ProcessBuilder.Redirect.DISCARD);
      pb.environment().putAll(env);
      long t0 = System.nanoTime();
      Process p = pb.start();
      if (!p.waitFor(60, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new IllegalStateException(label + " hung");
      }
      long t = System.nanoTime() - t0;
      if (p.exitValue() != 0) {
        throw new IllegalStateException(label + " exited " + p.exitValue());
      }
      if (i >= 0) {
        nanos[i] = t;
      }
    }
    return new String[] {
      label,
      Integer.toString(runs),
      ms(PerformanceReport.percentileMicros(nanos, 50)),
      ms(PerformanceReport.percentileMicros(nanos, 90)),
      ms(PerformanceReport.percentileMicros(nanos, 99))
    };
  }

  /** Under exec:java the project's classpath is the context class loader's, not java.class.path. */
  private static String classPath() {
    if (Thread.currentThread().getContextClassLoader() instanceof java.net.URLClassLoader u) {
      List<String> parts = new ArrayList<>();
      for (java.net.URL url : u.getURLs()) {
        parts.add(url.getPath());
      }
      return String.join(File.pathSeparator, parts);
    }
    return System.getProperty("java.class.path");
  }

  private static String ms(double micros) {
    return String.format("%.1f", micros / 1000.0);
  }
}
