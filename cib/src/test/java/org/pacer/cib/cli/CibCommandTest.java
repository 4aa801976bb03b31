package org.pacer.cib.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pacer.cib.document.CibDocument;
import org.pacer.cib.document.CibVersion;
import org.pacer.cib.testing.TestCibs;

/**
 * {@code crm cib} on a CIB_file, step by step, with cibadmin's exit codes. When Pacemaker's
 * cibadmin is installed, the same steps run through it on a second copy and the exit codes must
 * agree.
 */
class CibCommandTest {
  @TempDir Path dir;

  record Result(int code, String out, String err) {}

  /** One step: arguments, optional standard input, the exit code cibadmin gives. */
  record Step(int expected, String stdin, String... args) {}

  static final List<Step> STEPS =
      List.of(
          new Step(0, null, "-Q"),
          new Step(0, null, "-Q", "-o", "resources"),
          new Step(105, null, "-Q", "-A", "//nosuch"),
          new Step(105, null, "-Q", "-A", "//[bad"),
          new Step(105, null, "-Q", "-o", "tags"),
          new Step(
              0,
              null,
              "-C",
              "-o",
              "resources",
              "-X",
              "<primitive id=\"db\" class=\"lsb\" type=\"x\"/>"),
          new Step(
              108,
              null,
              "-C",
              "-o",
              "resources",
              "-X",
              "<primitive id=\"db\" class=\"lsb\" type=\"x\"/>"),
          new Step(
              78,
              null,
              "-C",
              "-o",
              "resources",
              "-X",
              "<primitive id=\"d2\" class=\"ocf\" type=\"x\"/>"),
          new Step(
              78,
              null,
              "-C",
              "-o",
              "resources",
              "-X",
              "<primitive id=\"d3\" class=\"lsb\" type=\"x\" bogus=\"1\"/>"),
          new Step(
              78,
              null,
              "-C",
              "-o",
              "constraints",
              "-X",
              "<rsc_location id=\"l\" rsc=\"nosuch\" node=\"node1\" score=\"1\"/>"),
          new Step(105, null, "-M", "-X", "<primitive id=\"nosuch\" type=\"x\"/>"),
          new Step(0, null, "-M", "-X", "<nvpair id=\"web-port\" value=\"8080\"/>"),
          new Step(
              0,
              null,
              "-M",
              "-c",
              "-o",
              "resources",
              "-X",
              "<primitive id=\"q\" class=\"lsb\" type=\"x\"/>"),
          new Step(107, null, "-E"),
          new Step(0, null, "-B"),
          new Step(
              103,
              null,
              "-R",
              "-X",
              "<cib admin_epoch=\"0\" epoch=\"1\" num_updates=\"0\" validate-with=\"pacemaker-3.0\"><configuration><crm_config/><nodes/><resources/><constraints/></configuration><status/></cib>"),
          new Step(0, null, "-D", "-A", "//nosuch"),
          new Step(0, null, "-D", "-X", "<primitive id=\"q\"/>"),
          new Step(
              0, "<primitive id=\"p\" class=\"lsb\" type=\"x\"/>", "-C", "-o", "resources", "-p"),
          new Step(78, null, "-C", "-o", "resources", "-x", "/nonexistent"),
          new Step(64, null),
          new Step(64, null, "-Q", "--bogus"),
          new Step(0, null, "-E", "--force"));

  Result crm(Path file, String stdin, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code =
        CibCommand.run(
            Map.of("CIB_file", file.toString()),
            new ByteArrayInputStream((stdin == null ? "" : stdin).getBytes(StandardCharsets.UTF_8)),
            new PrintWriter(out),
            new PrintWriter(err),
            null,
            args);
    return new Result(code, out.toString(), err.toString());
  }

  Path copy(String name) throws IOException {
    Path p = dir.resolve(name);
    Files.writeString(p, TestCibs.smallXml());
    return p;
  }

  @Test
  void cibadminStepsGiveCibadminExitCodes() throws IOException {
    Path file = copy("ours.xml");
    List<String> wrong = new ArrayList<>();
    for (Step s : STEPS) {
      Result r = crm(file, s.stdin(), s.args());
      if (r.code() != s.expected()) {
        wrong.add(
            String.join(" ", s.args())
                + " -> "
                + r.code()
                + " (want "
                + s.expected()
                + "): "
                + r.err());
      }
    }
    assertEquals(List.of(), wrong);
  }

  @Test
  void cibadminAgreesWhenInstalled() throws Exception {
    Path cibadmin = Path.of("/usr/sbin/cibadmin");
    org.junit.jupiter.api.Assumptions.assumeTrue(
        Files.isExecutable(cibadmin), "cibadmin not installed");
    Path file = copy("pacemaker.xml");
    List<String> wrong = new ArrayList<>();
    for (Step s : STEPS) {
      List<String> cmd = new ArrayList<>(List.of(cibadmin.toString()));
      cmd.addAll(List.of(s.args()));
      ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
      pb.environment().put("CIB_file", file.toString());
      pb.environment().put("LC_ALL", "C");
      Process p = pb.start();
      if (s.stdin() != null) {
        p.getOutputStream().write(s.stdin().getBytes(StandardCharsets.UTF_8));
      }
      p.getOutputStream().close();
      p.getInputStream().readAllBytes();
      if (!p.waitFor(30, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        wrong.add(String.join(" ", s.args()) + " timed out");
        continue;
      }
      if (p.exitValue() != s.expected()) {
        wrong.add(
            String.join(" ", s.args())
                + " -> cibadmin "
                + p.exitValue()
                + ", table says "
                + s.expected());
      }
    }
    assertEquals(List.of(), wrong);
  }

  @Test
  void writesChangeTheFileAndVersionRulesHold() throws IOException {
    Path file = copy("v.xml");
    assertEquals(
        0,
        crm(
                file,
                null,
                "-C",
                "-o",
                "resources",
                "-X",
                "<primitive id=\"db\" class=\"lsb\" type=\"x\"/>")
            .code());
    CibDocument after = CibDocument.parse(Files.readAllBytes(file), "v.xml");
    assertEquals(new CibVersion(0, 5, 0), after.version());
    assertEquals(
        0,
        crm(file, null, "-M", "-o", "status", "-X", "<node_state id=\"1\" crmd=\"offline\"/>")
            .code());
    assertEquals(
        new CibVersion(0, 5, 1), CibDocument.parse(Files.readAllBytes(file), "v.xml").version());
  }

  @Test
  void aRefusedWriteLeavesTheFileByteForByte() throws IOException {
    Path file = copy("r.xml");
    byte[] before = Files.readAllBytes(file);
    Result r =
        crm(
            file,
            null,
            "-C",
            "-o",
            "resources",
            "-X",
            "<primitive id=\"d2\" class=\"ocf\" type=\"x\"/>");
    assertEquals(78, r.code());
    assertTrue(r.err().contains("<primitive id=\"d2\"") && r.err().contains("'provider'"), r.err());
    assertTrue(java.util.Arrays.equals(before, Files.readAllBytes(file)));
  }

  @Test
  void unknownScopeIsAClearUsageError() throws IOException {
    Result r = crm(copy("s.xml"), null, "-Q", "-o", "nosuch");
    assertEquals(64, r.code());
    assertTrue(r.err().contains("unknown scope 'nosuch'"), r.err());
  }

  @Test
  void basedOnGivesOptimisticConcurrency() throws IOException {
    Path file = copy("b.xml");
    assertEquals(103, crm(file, null, "-B", "--based-on", "0.1.0").code());
    assertEquals(0, crm(file, null, "-B", "--based-on", "0.4.7").code());
  }

  @Test
  void missingFileIsNoSuchObject() {
    Result r = crm(dir.resolve("absent.xml"), null, "-Q");
    assertEquals(105, r.code());
    assertTrue(r.err().contains("does not exist"), r.err());
  }

  @Test
  void helpVersionAndVerboseDoNotClash() throws IOException {
    Path file = copy("h.xml");
    for (String help : new String[] {"--help", "-?", "-h"}) {
      Result r = crm(file, null, help);
      assertEquals(0, r.code(), help + ": " + r.err());
      assertTrue(r.out().contains("--query") && r.out().contains("--verbose"), r.out());
    }
    Result v = crm(file, null, "--version");
    assertEquals(0, v.code(), v.err());
    assertTrue(v.out().startsWith("crm cib (Pacer)"), v.out());
    Result verbose = crm(file, null, "-B", "-V");
    assertEquals(0, verbose.code(), verbose.err());
    assertTrue(verbose.out().startsWith("CIB version 0.5.0"), verbose.out());
  }
}
