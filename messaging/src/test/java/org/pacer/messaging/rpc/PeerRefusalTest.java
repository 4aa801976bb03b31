package org.pacer.messaging.rpc;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pacer.messaging.security.SystemAccounts;
import org.pacer.messaging.testing.CapturedLog;
import org.pacer.messaging.testing.Eventually;
import org.pacer.messaging.transport.Endpoint;
import org.pacer.messaging.transport.EventLoops;

/**
 * A peer that is neither root, nor the daemon's user, nor in haclient is refused by the credential
 * check itself. Needs root (to start the client as another uid with setpriv).
 */
class PeerRefusalTest {

  private static final Path SYSTEM_PYTHON = Path.of("/usr/bin/python3");

  @TempDir Path dir;

  private static final String CLIENT =
      String.join(
          "\n",
          "import socket, struct, sys",
          "s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)",
          "s.connect(sys.argv[1])",
          "hello = b'{\"kind\":\"HELLO\",\"type\":\"$hello\",\"id\":1,\"body\":{\"client\":\"nobody\"}}'",
          "try:",
          "    s.sendall(struct.pack('>I', len(hello)) + hello)",
          "except OSError:",
          "    pass",
          "data = b''",
          "while True:",
          "    chunk = s.recv(65536)",
          "    if not chunk: break",
          "    data += chunk",
          "print(data[4:].decode())");

  @Test
  void peerThatIsNotAllowedIsRefusedWithAReason() throws Exception {
    SystemAccounts accounts = SystemAccounts.system();
    assumeTrue(accounts.currentUid() == 0, "needs root to run a client as another user");
    assumeTrue(onPath("setpriv"), "needs setpriv");
    // The system python: one under /root (pyenv) is not executable by the other user.
    assumeTrue(Files.isExecutable(SYSTEM_PYTHON), "needs " + SYSTEM_PYTHON);
    Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx--x--x"));
    Path socket = dir.resolve("guarded.sock");
    try (EventLoops loops = EventLoops.create("refusal-io", 1);
        CapturedLog log = new CapturedLog(ServerConnection.class);
        MessageServer server =
            MessageServer.builder("guarded")
                .handle("echo", r -> CompletableFuture.completedFuture(r.body()))
                .build(loops)
                .start(new Endpoint.Local(socket))) {
      // Open the file itself so that the refusal we see is ours, not the filesystem's.
      Files.setPosixFilePermissions(socket, PosixFilePermissions.fromString("rw-rw-rw-"));
      Process client =
          new ProcessBuilder(
                  List.of(
                      "setpriv",
                      "--reuid=65534",
                      "--regid=65534",
                      "--clear-groups",
                      SYSTEM_PYTHON.toString(),
                      "-c",
                      CLIENT,
                      socket.toString()))
              .redirectErrorStream(true)
              .start();
      String output = new String(client.getInputStream().readAllBytes());
      assertTrue(client.waitFor(30, TimeUnit.SECONDS), "client did not finish");
      assertTrue(output.contains("FORBIDDEN"), output);
      assertTrue(
          output.contains("not a member of group haclient")
              || output.contains("haclient does not exist"),
          output);
      Eventually.await(
          "refusal logged", java.time.Duration.ofSeconds(5), () -> !log.messages().isEmpty());
      assertTrue(log.messages().get(0).contains("refused local"), log.messages().toString());
      assertTrue(log.messages().get(0).contains("uid 65534"), log.messages().toString());
    }
  }

  private static boolean onPath(String command) {
    for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
      if (Files.isExecutable(Path.of(dir, command))) {
        return true;
      }
    }
    return false;
  }
}
