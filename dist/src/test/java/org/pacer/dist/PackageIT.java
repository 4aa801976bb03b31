package org.pacer.dist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pacer.cli.cluster.DaemonSpec;

/** What `mvn package` built: the tarball runs from wherever it is unpacked; the .deb holds all. */
class PackageIT {

  private static final Path TARGET = DistTree.module().resolve("target");

  private record Run(int code, String output) {}

  private static Run run(Path dir, String... command) throws Exception {
    Process p =
        new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
    String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(120, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new AssertionError(String.join(" ", command) + " did not finish: " + output);
    }
    return new Run(p.exitValue(), output);
  }

  private static Path built(String glob) throws IOException {
    try (Stream<Path> files = Files.list(TARGET)) {
      List<Path> found =
          files
              .filter(
                  f -> f.getFileSystem().getPathMatcher("glob:" + glob).matches(f.getFileName()))
              .toList();
      assertEquals(1, found.size(), "expected one " + glob + " in " + TARGET + ": " + found);
      return found.get(0);
    }
  }

  @Test
  void tarballUnpacksAnywhereAndItsCrmRuns(@TempDir Path dir) throws Exception {
    Path tarball = built("pacer-*.tar.gz");
    Run untar = run(dir, "tar", "xzf", tarball.toString());
    assertEquals(0, untar.code(), untar.output());
    Path top;
    try (Stream<Path> entries = Files.list(dir)) {
      top = entries.findFirst().orElseThrow();
    }
    for (String f :
        List.of(
            "bin/crm",
            "bin/pacer-daemon",
            "etc/corosync.conf.example",
            "etc/logback.xml",
            "systemd/pacer.target",
            "agents/ocf/Logged",
            "docs/operations.md",
            "docs/configuration.md",
            "docs/troubleshooting.md")) {
      assertTrue(Files.exists(top.resolve(f)), f + " missing from " + tarball);
    }
    assertTrue(Files.isExecutable(top.resolve("bin/crm")));
    assertTrue(Files.isExecutable(top.resolve("agents/ocf/Logged")));
    if (Files.isExecutable(Path.of("/usr/bin/gcc"))) {
      assertTrue(Files.isExecutable(top.resolve("helpers/crm_mon")), "helpers/ missing");
    }
    for (DaemonSpec daemon : DaemonSpec.standard()) {
      assertTrue(
          Files.exists(top.resolve("systemd/pacer-" + daemon.name() + ".service")), daemon.name());
    }
    try (Stream<Path> jars = Files.list(top.resolve("lib"))) {
      List<String> names = jars.map(p -> p.getFileName().toString()).toList();
      for (String module : List.of("cli", "messaging", "membership", "cib", "pengine")) {
        assertTrue(
            names.stream().anyMatch(n -> n.startsWith("pacer-" + module + "-")),
            "lib/ lacks pacer-" + module + ": " + names);
      }
      // Without a backend the daemons would log nothing at all.
      assertTrue(
          names.stream().anyMatch(n -> n.startsWith("logback-classic-")),
          "lib/ lacks logback-classic: " + names);
      for (String module : List.of("lrmd", "stonithd", "crmd")) {
        assertTrue(
            names.stream().anyMatch(n -> n.startsWith("pacer-" + module + "-")),
            "lib/ lacks pacer-" + module + ": " + names);
      }
    }
    Run version = run(dir, top.resolve("bin/crm").toString(), "--version");
    assertEquals(0, version.code(), version.output());
    assertTrue(version.output().contains("crm (Pacer)"), version.output());
    assertTrue(!version.output().contains("SLF4J"), "no logging backend: " + version.output());
    // Pacemaker's tool names run the same commands: crm_verify -x FILE checks a CIB file and,
    // as Pacemaker's does, refuses one with fencing enabled and no fence device (exit 78).
    Path cib = dir.resolve("empty-cib.xml");
    Files.writeString(
        cib,
        "<cib admin_epoch=\"0\" epoch=\"1\" num_updates=\"0\" validate-with=\"pacemaker-3.9\">"
            + "<configuration><crm_config/><nodes/><resources/><constraints/></configuration>"
            + "<status/></cib>");
    Run verify = run(dir, top.resolve("helpers/crm_verify").toString(), "-x", cib.toString());
    assertEquals(78, verify.code(), verify.output());
    assertTrue(verify.output().contains("no STONITH resources have been defined"), verify.output());
    Run unknown = run(dir, top.resolve("bin/pacer-daemon").toString(), "frobnicate");
    assertEquals(2, unknown.code());
    assertTrue(unknown.output().contains("unknown daemon 'frobnicate'"), unknown.output());
  }

  @Test
  void debianPackageHoldsDaemonsShellAgentsUnitsAndScripts() throws Exception {
    Path deb = built("pacer_*.deb");
    Assumptions.assumeTrue(
        Files.isExecutable(Path.of("/usr/bin/dpkg-deb")), "dpkg-deb is not installed");
    Run contents = run(TARGET, "dpkg-deb", "--contents", deb.toString());
    assertEquals(0, contents.code(), contents.output());
    for (String path :
        List.of(
            "./usr/share/pacer/bin/crm",
            "./usr/share/pacer/bin/pacer-daemon",
            "./usr/sbin/pacer-crm -> /usr/share/pacer/bin/crm",
            "./usr/lib/systemd/system/pacer.target",
            "./usr/lib/systemd/system/pacer-crmd.service",
            "./usr/lib/tmpfiles.d/pacer.conf",
            "./usr/lib/ocf/resource.d/pacer/Logged",
            "./usr/lib/pacer/fence/fence_pacer_kill",
            "./usr/lib/pacer/bin/cibadmin -> /usr/share/pacer/bin/crm",
            "./usr/lib/pacer/bin/crm_verify -> /usr/share/pacer/bin/crm",
            "./etc/pacer/logback.xml",
            "./usr/share/doc/pacer/examples/corosync.conf",
            "./usr/share/doc/pacer/operations.md")) {
      assertTrue(contents.output().contains(path), path + " missing from " + deb);
    }
    if (Files.isExecutable(Path.of("/usr/bin/gcc"))) {
      // Agents call crm_attribute, crm_master, ...: without them promotable clones break.
      for (String helper : List.of("pacer-tool", "crm_attribute", "crm_master", "crm_mon")) {
        assertTrue(
            contents.output().contains("./usr/lib/pacer/bin/" + helper),
            helper + " missing from " + deb);
      }
    }
    // crmsh's /usr/sbin/crm is never shipped: the alternative points at pacer-crm instead.
    assertTrue(!contents.output().contains("./usr/sbin/crm "), "the package ships /usr/sbin/crm");
    Run info = run(TARGET, "dpkg-deb", "--info", deb.toString());
    assertEquals(0, info.code(), info.output());
    for (String field :
        List.of("Package: pacer", "Architecture: ", "Depends:", "postinst", "postrm", "prerm")) {
      assertTrue(info.output().contains(field), field + " missing: " + info.output());
    }
    assertTrue(info.output().contains("conffiles"), info.output());
  }
}
