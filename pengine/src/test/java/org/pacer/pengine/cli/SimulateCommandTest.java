package org.pacer.pengine.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pacer.pengine.TestCibs;
import picocli.CommandLine;

class SimulateCommandTest {
  static final String CIB = TestCibs.TWO_NODES;

  record Run(int code, String out, String err) {}

  static Run run(Object cmd, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cl = new CommandLine(cmd);
    cl.setOut(new PrintWriter(out));
    cl.setErr(new PrintWriter(err));
    int code = cl.execute(args);
    return new Run(code, out.toString(), err.toString());
  }

  static SimulateCommand cmd() {
    return new SimulateCommand(
        Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC), Map.of());
  }

  @Test
  void simulatesAStartAndShowsTheRevisedStatus(@TempDir Path dir) throws Exception {
    Path f = dir.resolve("cib.xml");
    Files.writeString(f, CIB);
    Run r = run(cmd(), "-S", "-x", f.toString());
    assertEquals(0, r.code(), r.err());
    assertTrue(r.out().contains("* Start      web ( n2 )"), r.out());
    assertTrue(r.out().contains("Resource action: web             start on n2"), r.out());
    assertTrue(r.out().contains("Resource action: web             monitor=10000 on n2"), r.out());
    String revised = r.out().substring(r.out().indexOf("Revised Cluster Status:"));
    assertTrue(revised.contains("web\t(ocf:heartbeat:Dummy):\t Started n2"), revised);
  }

  @Test
  void savesGraphAndOutputAndHonoursInjectedFailures(@TempDir Path dir) throws Exception {
    Path f = dir.resolve("cib.xml");
    Files.writeString(f, CIB);
    Path graph = dir.resolve("g.xml");
    Path dot = dir.resolve("g.dot");
    Path saved = dir.resolve("out.xml");
    Run r =
        run(
            cmd(),
            "-S",
            "-x",
            f.toString(),
            "-G",
            graph.toString(),
            "-D",
            dot.toString(),
            "-O",
            saved.toString(),
            "-F",
            "web_start_0@n2=1");
    assertEquals(0, r.code(), r.err());
    String g = Files.readString(graph);
    assertTrue(g.contains("operation_key=\"web_start_0\" on_node=\"n2\""), g);
    assertTrue(Files.readString(dot).contains("\"web_start_0 n2\""));
    assertTrue(Files.readString(saved).contains("rc-code=\"1\""));
    String revised = r.out().substring(r.out().indexOf("Revised Cluster Status:"));
    assertTrue(revised.contains("FAILED n2"), revised);
  }

  @Test
  void nodeFailureIsSimulated(@TempDir Path dir) throws Exception {
    Path f = dir.resolve("cib.xml");
    Files.writeString(f, CIB);
    Run r = run(cmd(), "-R", "-x", f.toString(), "-d", "n2");
    assertEquals(0, r.code(), r.err());
    assertTrue(r.out().contains("* Start      web ( n1 )"), r.out());
    assertTrue(r.out().contains("OFFLINE: [ n2 ]"), r.out());
  }

  @Test
  void badInputIsNamedAndExitsNonZero(@TempDir Path dir) throws Exception {
    Path f = dir.resolve("cib.xml");
    Files.writeString(f, CIB.replace("rsc='web' node='n2'", "rsc='ghost' node='n2'"));
    Run r = run(cmd(), "-S", "-x", f.toString());
    assertEquals(78, r.code());
    assertTrue(r.err().contains("constraint pref names resource 'ghost'"), r.err());
    Run missing = run(cmd(), "-S", "-x", dir.resolve("none.xml").toString());
    assertEquals(66, missing.code());
    Run badSpec = run(cmd(), "-S", "-x", f.toString(), "-i", "nonsense");
    assertTrue(badSpec.code() != 0);
  }

  static SimulateCommand cmd(Map<String, String> env) {
    return new SimulateCommand(
        Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC), env);
  }

  @Test
  void liveCheckReadsTheFileCibFileNames(@TempDir Path dir) throws Exception {
    Path f = dir.resolve("live.xml");
    Files.writeString(f, CIB);
    Map<String, String> env = Map.of("CIB_file", f.toString());
    Run live = run(cmd(env), "-L", "-S");
    assertEquals(0, live.code(), live.err());
    assertEquals(run(cmd(), "-x", f.toString(), "-S").out(), live.out());
    // As crm_simulate: whichever of -x and -L comes last is the source.
    Path other = dir.resolve("other.xml");
    Files.writeString(other, CIB.replace("uname='n2'", "uname='n9'"));
    assertTrue(run(cmd(env), "-L", "-x", other.toString()).out().contains("n9"));
    assertTrue(run(cmd(env), "-x", other.toString(), "-L").out().contains("n2"));
    // The tools read the live CIB; they never write it.
    assertEquals(CIB, Files.readString(f));
  }

  @Test
  void liveCheckShowsScoresBeforeTheSummary(@TempDir Path dir) throws Exception {
    Path f = dir.resolve("live.xml");
    Files.writeString(f, CIB);
    Run r = run(cmd(Map.of("CIB_file", f.toString())), "-L", "-s");
    assertEquals(0, r.code(), r.err());
    int scores = r.out().indexOf("Allocation Scores:");
    int summary = r.out().indexOf("Transition Summary:");
    assertTrue(scores > 0 && summary > scores, r.out());
    assertTrue(r.out().contains("pcmk__primitive_assign: web allocation score on n2:"), r.out());
    assertTrue(!r.out().contains("Executing Cluster Transition"), r.out());
  }

  @Test
  void liveCheckWithoutACibNamesTheProblem(@TempDir Path dir) throws Exception {
    Run missing = run(cmd(Map.of("CIB_file", dir.resolve("gone.xml").toString())), "-L");
    assertEquals(66, missing.code());
    assertTrue(missing.err().contains("CIB_file") && missing.err().contains("gone.xml"));
    // No CIB_file and no CIB daemon under this root.
    Run none = run(cmd(Map.of("PACER_ROOT", dir.toString())), "-S", "-L");
    assertEquals(66, none.code());
    assertTrue(none.err().contains("cannot read the live CIB"), none.err());
    Path f = dir.resolve("live.xml");
    Files.writeString(f, CIB);
    Run verify =
        run(new VerifyCommand(Clock.systemUTC(), Map.of("CIB_file", f.toString())), "-L", "-V");
    assertEquals(0, verify.code(), verify.err());
  }

  @Test
  void readsBzip2CompressedInputsByTheirMagicBytes(@TempDir Path dir) throws Exception {
    // pe-input-7.bz2 is TestCibs.TWO_NODES compressed by bzip2, as Pacemaker saves its inputs;
    // it is copied to a name without .bz2 to show the format is told by content, not name.
    Path f = dir.resolve("renamed-input");
    try (var in = getClass().getResourceAsStream("pe-input-7.bz2")) {
      Files.write(f, in.readAllBytes());
    }
    Run r = run(cmd(), "-S", "-x", f.toString());
    assertEquals(0, r.code(), r.err());
    assertTrue(r.out().contains("* Start      web ( n2 )"), r.out());
    assertEquals(0, run(new VerifyCommand(), "-x", f.toString()).code());
    Files.write(f, new byte[] {'B', 'Z', 'h', '9', 1, 2, 3});
    Run bad = run(cmd(), "-S", "-x", f.toString());
    assertEquals(65, bad.code());
    assertTrue(bad.err().contains("truncated"), bad.err());
  }

  @Test
  void badBundlesAreNamed(@TempDir Path dir) throws Exception {
    Path f = dir.resolve("cib.xml");
    Files.writeString(f, CIB.replace("</resources>", "<bundle id='b1'/></resources>"));
    Run r = run(cmd(), "-S", "-x", f.toString());
    assertEquals(78, r.code());
    assertTrue(r.err().contains("bundle b1 has no docker, podman or rkt element"), r.err());
    Files.writeString(
        f,
        CIB.replace(
            "</resources>",
            "<bundle id='b2'><docker image='i' replicas='two'/>"
                + "<network ip-range-start='10.0.0.300'/></bundle></resources>"));
    r = run(cmd(), "-S", "-x", f.toString());
    assertEquals(78, r.code());
    assertTrue(r.err().contains("bundle b2: replicas 'two' is not a non-negative number"), r.err());
    assertTrue(r.err().contains("ip-range-start '10.0.0.300' is not an IPv4 address"), r.err());
  }

  @Test
  void verifyReportsMissingFencing(@TempDir Path dir) throws Exception {
    Path f = dir.resolve("cib.xml");
    Files.writeString(f, CIB.replace("value='false'", "value='true'"));
    Run r = run(new VerifyCommand(), "-x", f.toString());
    assertEquals(78, r.code());
    assertTrue(r.err().contains("no STONITH resources have been defined"), r.err());
    Files.writeString(f, CIB);
    assertEquals(0, run(new VerifyCommand(), "-x", f.toString()).code());
  }
}
