package org.pacer.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.pacer.cib.client.CibClient;
import org.pacer.cib.document.CibSection;
import org.pacer.cib.ops.CibWrite;
import org.pacer.cli.Crm;
import org.pacer.cli.tools.PacemakerTools;
import org.pacer.it.check.Expected;
import org.pacer.it.check.InvariantChecker;
import org.pacer.it.harness.ClusterConfig;
import org.pacer.it.harness.DiskFull;
import org.pacer.it.harness.Privileges;
import org.pacer.it.harness.TestCluster;
import org.pacer.it.harness.TestNode;

/**
 * A node whose CIB directory is full (a size-limited tmpfs, filled to the last byte): a write
 * through it is acknowledged (it took effect in memory and on the other nodes' disks) and the node
 * logs that its copy is not on disk; its file stays the last good version with a matching
 * signature; the tools' file mode refuses a write there with an error naming the disk and leaves
 * the file as it was; the cluster carries on. Once space is freed, the next write puts everything
 * on that disk, and a restarted CIB daemon loads it. Needs root (mount).
 */
class DiskFullIT {

  static final Duration CONVERGE = Duration.ofSeconds(150);

  @Test
  void aFullCibDiskLosesNothingAndRecoversWhenSpaceIsFreed() throws Exception {
    Assumptions.assumeTrue(Privileges.root(), "a size-limited tmpfs needs root");
    boolean passed = false;
    try (TestCluster cluster = TestCluster.builder("disk").nodes(3).firstLoopback(71).build();
        DiskFull disk = DiskFull.mount(cluster.node(1).paths().libDir().resolve("cib"), 2L << 20);
        InvariantChecker<TestNode> checker =
            new InvariantChecker<>(cluster, List.of(new Expected.Primitive("p1")))) {
      try {
        TestNode n1 = cluster.node(1);
        Path cibXml = disk.dir().resolve("cib.xml");
        cluster.start();
        cluster.configure(
            Map.of("stonith-enabled", "false"),
            ClusterConfig.logged("p1", cluster.agentLogDir(), 3, false, null));
        assertTrue(checker.awaitConvergence(CONVERGE, Duration.ofSeconds(3)) >= 0);
        cluster.await("n1's CIB on its disk", CONVERGE, () -> signed(cibXml));
        // A file for the tools' file mode, on the same disk.
        Path fileCib = disk.dir().resolve("file-mode.xml");
        Files.writeString(fileCib, n1.cibXml().orElseThrow());

        long filled = disk.fill();
        assertEquals(0, disk.usable(), "filled " + filled + " bytes");
        byte[] before = Files.readAllBytes(cibXml);

        // The cluster carries on: a write through the full node is acknowledged.
        write(n1, "it-while-full", "yes");
        checker.acknowledged("the write while n1's disk was full", "name=\"it-while-full\"");
        assertTrue(checker.awaitConvergence(CONVERGE, Duration.ofSeconds(3)) >= 0);
        cluster.await(
            "n1 logging that its CIB is not on disk",
            Duration.ofSeconds(30),
            () -> log(n1, "cib").contains("is NOT on disk"));
        String cibLog = log(n1, "cib");
        assertTrue(
            cibLog.contains("No space left on device"), "the log names the cause: " + cibLog);
        // Nothing stored is lost or corrupted: the last good version, with its signature.
        assertTrue(signed(cibXml), "n1's cib.xml matches its signature");
        assertEquals(new String(before, StandardCharsets.UTF_8), Files.readString(cibXml));
        // The other nodes stored it.
        for (TestNode n : List.of(cluster.node(2), cluster.node(3))) {
          Path other = n.paths().libDir().resolve("cib/cib.xml");
          cluster.await(n + " storing the write", CONVERGE, () -> contains(other, "it-while-full"));
        }

        // The tools' file mode refuses, names the disk, and leaves the file as it was.
        String fileBefore = Files.readString(fileCib);
        Run crm = run(fileCib, Crm.class.getName(), "-F", "configure", "property", "it-file=1");
        assertNotEquals(0, crm.exit(), crm.toString());
        assertTrue(crm.err().contains("No space left on device"), crm.toString());
        Run cibadmin =
            run(
                fileCib,
                PacemakerTools.class.getName(),
                "cibadmin",
                "-C",
                "-o",
                "crm_config",
                "-X",
                "<cluster_property_set id=\"it-file-set\"/>");
        assertEquals(74, cibadmin.exit(), "cibadmin's disk error: " + cibadmin);
        assertEquals(fileBefore, Files.readString(fileCib));

        // Space back: the next write puts both versions' content on n1's disk.
        disk.free();
        write(n1, "it-after-free", "yes");
        checker.acknowledged("the write after space came back", "name=\"it-after-free\"");
        cluster.await(
            "n1's disk holding both writes",
            CONVERGE,
            () ->
                signed(cibXml)
                    && contains(cibXml, "it-while-full")
                    && contains(cibXml, "it-after-free"));
        // A restarted CIB daemon loads them from that disk; the cluster converges with them.
        n1.killDaemon("cib");
        assertTrue(
            checker.awaitConvergence(CONVERGE, Duration.ofSeconds(3)) >= 0,
            checker.violations().toString());
        assertEquals(List.of(), checker.violations());
        passed = true;
      } finally {
        if (!passed) {
          cluster.keepLogs();
        }
      }
    }
  }

  private static void write(TestNode node, String name, String value) {
    try (CibClient cib = node.cib()) {
      cib.write(
          new CibWrite.Modify(
              CibSection.CRM_CONFIG, null, ClusterConfig.options(Map.of(name, value)), true),
          null);
    }
  }

  /** Whether cib.xml exists and matches cib.xml.sig (SHA-256 hex of the file). */
  private static boolean signed(Path cibXml) {
    try {
      byte[] xml = Files.readAllBytes(cibXml);
      String sig = Files.readString(cibXml.resolveSibling("cib.xml.sig")).trim();
      String digest = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(xml));
      return sig.equals(digest);
    } catch (IOException | java.security.NoSuchAlgorithmException e) {
      return false;
    }
  }

  private static boolean contains(Path file, String text) {
    try {
      return Files.readString(file).contains(text);
    } catch (IOException e) {
      return false;
    }
  }

  private static String log(TestNode node, String daemon) {
    try {
      return Files.readString(node.paths().logDir().resolve(daemon + ".log"));
    } catch (IOException e) {
      return "";
    }
  }

  record Run(int exit, String out, String err) {}

  /** Runs a Pacer tool's main class with {@code CIB_file} set, as an operator's shell would. */
  private static Run run(Path cibFile, String mainClass, String... args) throws Exception {
    List<String> command =
        new java.util.ArrayList<>(
            List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                System.getProperty("java.class.path"),
                mainClass));
    command.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(command);
    pb.environment().put("CIB_file", cibFile.toString());
    Path err = Files.createTempFile("it-disk-err", ".txt");
    pb.redirectError(err.toFile());
    Process p = pb.start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(120, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new AssertionError(mainClass + " did not finish");
    }
    String errText = Files.readString(err);
    Files.delete(err);
    return new Run(p.exitValue(), out, errText);
  }
}
