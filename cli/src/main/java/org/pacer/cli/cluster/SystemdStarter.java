package org.pacer.cli.cluster;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.pacer.messaging.paths.NodePaths;
import org.pacer.messaging.transport.EventLoops;

/**
 * {@code crm cluster start|stop} on a node that systemd manages: the installed units, not a
 * supervisor of our own, must own the daemons, or systemd and the supervisor would each restart
 * what the other stopped. systemd manages the node when PID 1 is systemd (it made {@code
 * /run/systemd/system}, sd_booted(3)'s test) and {@code pacer.target} is installed; only the system
 * root counts, since the units run the node at {@code /}.
 *
 * @param runtimeDir systemd's runtime directory ({@code /run/systemd/system}), injected for tests
 * @param unitDirs where installed units live, searched for {@code pacer.target}
 * @param systemctl the systemctl program
 */
record SystemdStarter(Path runtimeDir, List<Path> unitDirs, String systemctl) {

  static final String TARGET = "pacer.target";

  static SystemdStarter system() {
    return new SystemdStarter(
        Path.of("/run/systemd/system"),
        List.of(
            Path.of("/etc/systemd/system"),
            Path.of("/usr/lib/systemd/system"),
            Path.of("/lib/systemd/system")),
        "systemctl");
  }

  /** Whether systemd runs this node, so start and stop must go through systemctl. */
  boolean managesNode(NodePaths paths) {
    return paths.isSystemRoot()
        && Files.isDirectory(runtimeDir)
        && unitDirs.stream().anyMatch(dir -> Files.exists(dir.resolve(TARGET)));
  }

  /** {@code systemctl start pacer.target}, then waits until every daemon answers. */
  int start(NodePaths paths, int waitSeconds, PrintWriter out, PrintWriter err)
      throws IOException, InterruptedException {
    int code = systemctl(err, "start", TARGET);
    if (code != 0) {
      err.println(
          "crm cluster start: systemctl start "
              + TARGET
              + " failed (exit "
              + code
              + "); see systemctl status "
              + TARGET
              + " and journalctl -u 'pacer-*'");
      return 1;
    }
    long giveUp = System.nanoTime() + Duration.ofSeconds(waitSeconds).toNanos();
    List<DaemonSpec> daemons = DaemonSpec.standard();
    try (EventLoops loops = EventLoops.create("crm-io", 1)) {
      for (DaemonSpec daemon : daemons) {
        while (!DaemonProbe.answers(loops, paths.socket(daemon.name()))) {
          if (System.nanoTime() > giveUp) {
            err.println(
                "crm cluster start: pacer-"
                    + daemon.name()
                    + " did not answer within "
                    + waitSeconds
                    + " s; systemd keeps restarting it: see journalctl -u pacer-"
                    + daemon.name()
                    + ".service");
            return 1;
          }
          Thread.sleep(50);
        }
      }
    }
    out.println(
        "Pacer started on node "
            + NodeName.local()
            + " by systemd ("
            + TARGET
            + ", "
            + daemons.size()
            + " daemons)");
    return 0;
  }

  /** {@code systemctl stop pacer.target}: systemd stops the daemons in reverse order. */
  int stop(PrintWriter out, PrintWriter err) throws IOException, InterruptedException {
    int code = systemctl(err, "stop", TARGET);
    if (code != 0) {
      err.println(
          "crm cluster stop: systemctl stop "
              + TARGET
              + " failed (exit "
              + code
              + "); see systemctl status "
              + TARGET);
      return 1;
    }
    out.println("Pacer stopped (" + TARGET + ")");
    return 0;
  }

  private int systemctl(PrintWriter err, String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(systemctl);
    command.addAll(List.of(args));
    Process process;
    try {
      process = new ProcessBuilder(command).redirectErrorStream(true).start();
    } catch (IOException e) {
      err.println("crm cluster: cannot run " + systemctl + ": " + e.getMessage());
      return 127;
    }
    String output = new String(process.getInputStream().readAllBytes()).strip();
    if (!output.isEmpty()) {
      err.println(output);
    }
    return process.waitFor();
  }
}
