package org.pacer.cli.configure;

import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.TimeUnit;
import org.pacer.cli.configure.session.CrmShell;
import org.pacer.cli.configure.session.ShellOptions;
import org.pacer.cli.configure.store.CibFile;

/**
 * How long a large configure script takes: N primitives in groups of five, a location rule and a
 * colocation per group, orders between groups, committed once; then {@code show} of the result.
 * Runs our shell in-process (after one warm-up) and, when installed, crmsh on the same script.
 *
 * <pre>
 * mvn -o -q -pl cli -am test-compile -Dspotless.check.skip=true
 * java -cp "cli/target/test-classes:cli/target/classes:$(cat cli/target/cp.txt)" \
 *     org.pacer.cli.configure.ConfigureBench 500
 * </pre>
 */
public final class ConfigureBench {
  private ConfigureBench() {}

  static String script(int n) {
    StringBuilder b = new StringBuilder("configure\nproperty stonith-enabled=false\n");
    b.append("node n1\nnode n2\nnode n3\n");
    for (int i = 0; i < n; i++) {
      b.append("primitive r")
          .append(i)
          .append(" ocf:heartbeat:Dummy params fake=")
          .append(i)
          .append(" op monitor interval=")
          .append(10 + i % 50)
          .append("s timeout=20s\n");
    }
    for (int g = 0; g < n / 5; g++) {
      b.append("group g").append(g);
      for (int k = 0; k < 5; k++) {
        b.append(" r").append(g * 5 + k);
      }
      b.append(" meta target-role=Started\n");
      b.append("location l")
          .append(g)
          .append(" g")
          .append(g)
          .append(" rule 100: #uname eq n")
          .append(1 + g % 3)
          .append(" and pingd gt 0\n");
      if (g > 0) {
        b.append("order o")
            .append(g)
            .append(" Mandatory: g")
            .append(g - 1)
            .append(" g")
            .append(g)
            .append('\n');
        b.append("colocation c")
            .append(g)
            .append(" -100: g")
            .append(g)
            .append(" g")
            .append(g - 1)
            .append('\n');
      }
    }
    return b.append("commit\n").toString();
  }

  public static void main(String[] args) throws Exception {
    int n = args.length > 0 ? Integer.parseInt(args[0]) : 500;
    String script = script(n);
    Path dir = Files.createTempDirectory("crm-bench");
    long ours = 0;
    for (int round = 0; round < 3; round++) {
      Path cib = dir.resolve("cib.xml");
      SharedCorpus.writeEmptyCib(cib);
      long t0 = System.nanoTime();
      ShellOptions o = new ShellOptions();
      o.workingDirectory = dir;
      int rc =
          new CrmShell(
                  new CibFile(cib, Clock.systemUTC()),
                  o,
                  new PrintWriter(new StringWriter()),
                  new PrintWriter(System.err),
                  new ByteArrayInputStream(new byte[0]))
              .runScript(script);
      ours = System.nanoTime() - t0;
      if (rc != 0) {
        throw new IllegalStateException("our crm failed");
      }
    }
    Path cib = dir.resolve("cib.xml");
    long t0 = System.nanoTime();
    SharedCorpus.crm(dir, cib, "configure\nshow\n", false);
    long show = System.nanoTime() - t0;
    System.out.printf(
        "pacer: %d primitives, %d groups: script %d ms, show %d ms (in-process, warm)%n",
        n, n / 5, ours / 1_000_000, show / 1_000_000);
    if (CrmshDifferentialTest.onPath("crm") && System.getProperty("nocrmsh") == null) {
      SharedCorpus.writeEmptyCib(cib);
      Files.writeString(dir.resolve("s.crm"), script);
      long c0 = System.nanoTime();
      ProcessBuilder pb =
          new ProcessBuilder("crm", "-F", "-f", "s.crm")
              .directory(dir.toFile())
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.DISCARD);
      pb.environment().put("CIB_file", cib.toString());
      Process p = pb.start();
      p.waitFor(30, TimeUnit.MINUTES);
      long crmsh = System.nanoTime() - c0;
      long s0 = System.nanoTime();
      ProcessBuilder ps =
          new ProcessBuilder("crm", "configure", "show")
              .directory(dir.toFile())
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.DISCARD);
      ps.environment().put("CIB_file", cib.toString());
      ps.start().waitFor(30, TimeUnit.MINUTES);
      long crmshShow = System.nanoTime() - s0;
      System.out.printf(
          "crmsh 4.4.1: script %d ms, show %d ms (new process each)%n",
          crmsh / 1_000_000, crmshShow / 1_000_000);
    }
  }
}
