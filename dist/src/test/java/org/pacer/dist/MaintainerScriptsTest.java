package org.pacer.dist;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Debian package's postinst, prerm and postrm, run for real (accounts, directories, the crm
 * alternative, purge) inside a private mount namespace so the machine itself is not changed:
 * src/test/sh/maintainer-scripts.sh holds the steps and their checks.
 */
class MaintainerScriptsTest {

  @Test
  void configureRemoveAndPurgeLeaveNothingBehind(@TempDir Path work) throws Exception {
    Assumptions.assumeTrue(
        "root".equals(System.getProperty("user.name")),
        "needs root (to create accounts inside a private mount namespace)");
    Assumptions.assumeTrue(
        Files.isExecutable(Path.of("/usr/bin/unshare")), "needs unshare (util-linux)");
    Assumptions.assumeTrue(
        Files.isExecutable(Path.of("/usr/sbin/adduser")), "needs adduser (the package's Depends)");
    Assumptions.assumeTrue(
        new ProcessBuilder("/usr/bin/unshare", "-m", "true").start().waitFor() == 0,
        "unshare -m is not permitted here (a container without CAP_SYS_ADMIN)");
    Process p =
        new ProcessBuilder(
                "/usr/bin/unshare",
                "-m",
                "sh",
                DistTree.module().resolve("src/test/sh/maintainer-scripts.sh").toString(),
                DistTree.module().resolve("src/deb/control").toString(),
                work.toString())
            .redirectErrorStream(true)
            .start();
    String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(120, TimeUnit.SECONDS)) {
      p.destroyForcibly();
    }
    assertEquals(0, p.exitValue(), output);
  }
}
