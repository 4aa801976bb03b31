package org.pacer.cli.cluster;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.pacer.messaging.paths.NodePaths;
import org.pacer.messaging.transport.EventLoops;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code crm cluster}: start and stop this node's daemons; create and change the nodelist. */
@Command(
    name = "cluster",
    description =
        "Start, stop and inspect the cluster stack on this node; create a cluster, add and"
            + " remove nodes.",
    mixinStandardHelpOptions = true,
    subcommands = {
      ClusterCommand.Start.class,
      ClusterCommand.Stop.class,
      StatusCommand.class,
      NodelistCommands.Init.class,
      NodelistCommands.Join.class,
      NodelistCommands.Remove.class
    })
public final class ClusterCommand implements Runnable {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** Options every cluster subcommand shares. */
  static final class NodeOptions {
    @Option(
        names = "--root",
        description = "Node root directory (default: $PACER_ROOT, else /).",
        paramLabel = "DIR")
    String root;

    NodePaths paths() {
      return NodePaths.resolve(root, System.getenv());
    }
  }

  @Command(
      name = "start",
      mixinStandardHelpOptions = true,
      description = "Start this node's daemons and wait until they answer.")
  static final class Start implements java.util.concurrent.Callable<Integer> {
    @CommandLine.Mixin NodeOptions node = new NodeOptions();

    @Option(names = "--node", description = "This node's name (default: the host name).")
    String name;

    @Option(names = "--wait", description = "Seconds to wait for the daemons (default 90).")
    int waitSeconds = 90;

    @Option(names = "--daemons", hidden = true, description = "name=main.Class,... (tests)")
    String daemons;

    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
      PrintWriter out = spec.commandLine().getOut();
      PrintWriter err = spec.commandLine().getErr();
      NodePaths paths = node.paths();
      SystemdStarter systemd = SystemdStarter.system();
      if (daemons == null && systemd.managesNode(paths)) {
        if (name != null) {
          err.println(
              "crm cluster start: systemd runs this node; set its name as PACER_NODE in"
                  + " /etc/default/pacer instead of --node");
          return 2;
        }
        return systemd.start(paths, waitSeconds, out, err);
      }
      Optional<ProcessHandle> running = PidFile.live(paths.pidFile(NodeSupervisor.NAME));
      if (running.isPresent()) {
        err.println(
            "crm cluster start: already running (supervisor pid " + running.get().pid() + ")");
        return 1;
      }
      List<DaemonSpec> specs =
          daemons != null
              ? DaemonSpec.parseList(daemons)
              : DaemonSpec.available(getClass().getClassLoader());
      Files.createDirectories(paths.logDir());
      Files.createDirectories(paths.runDir());
      Process supervisor = launchSupervisor(paths, specs);
      Path log = paths.logDir().resolve(NodeSupervisor.NAME + ".log");
      long giveUp = System.nanoTime() + Duration.ofSeconds(waitSeconds).toNanos();
      try (EventLoops loops = EventLoops.create("crm-io", 1)) {
        for (DaemonSpec daemon : specs) {
          while (!DaemonProbe.answers(loops, paths.socket(daemon.name()))) {
            if (!supervisor.isAlive()) {
              err.println("crm cluster start: the node did not start; last lines of " + log + ":");
              tail(log, 20).forEach(err::println);
              return 1;
            }
            if (System.nanoTime() > giveUp) {
              err.println(
                  "crm cluster start: "
                      + daemon.name()
                      + " did not answer within "
                      + waitSeconds
                      + " s; the supervisor (pid "
                      + supervisor.pid()
                      + ") keeps trying; see "
                      + log);
              return 1;
            }
            Thread.sleep(50);
          }
        }
      }
      out.println(
          "Pacer started on node "
              + (name != null ? name : NodeName.local())
              + " ("
              + specs.size()
              + " daemons, supervisor pid "
              + supervisor.pid()
              + ")");
      return 0;
    }

    private Process launchSupervisor(NodePaths paths, List<DaemonSpec> specs) throws IOException {
      List<String> command = new ArrayList<>();
      // setsid: the node must outlive this command and the terminal it ran in.
      if (Files.isExecutable(Path.of("/usr/bin/setsid"))) {
        command.add("/usr/bin/setsid");
      }
      command.add(ProcessHandle.current().info().command().orElse("java"));
      command.add("-XX:+UseSerialGC");
      command.add("-Xmx64m");
      command.add("-Dpacer.node=" + (name != null ? name : NodeName.local()));
      command.add("-Dpacer.daemon=" + NodeSupervisor.NAME);
      command.add("-Dlogback.configurationFile=org/pacer/cli/daemon-logback.xml");
      command.add("-cp");
      command.add(System.getProperty("java.class.path"));
      command.add(SupervisorMain.class.getName());
      command.add("--root");
      command.add(paths.root().toString());
      if (name != null) {
        command.add("--node");
        command.add(name);
      }
      command.add("--daemons");
      command.add(DaemonSpec.formatList(specs));
      return new ProcessBuilder(command)
          .redirectErrorStream(true)
          .redirectOutput(
              ProcessBuilder.Redirect.appendTo(
                  paths.logDir().resolve(NodeSupervisor.NAME + ".log").toFile()))
          .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
          .start();
    }
  }

  @Command(
      name = "stop",
      mixinStandardHelpOptions = true,
      description = "Stop this node's daemons (reverse order) and wait until they are gone.")
  static final class Stop implements java.util.concurrent.Callable<Integer> {
    @CommandLine.Mixin NodeOptions node = new NodeOptions();

    @Option(names = "--wait", description = "Seconds to wait (default 120).")
    int waitSeconds = 120;

    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
      PrintWriter out = spec.commandLine().getOut();
      PrintWriter err = spec.commandLine().getErr();
      NodePaths paths = node.paths();
      SystemdStarter systemd = SystemdStarter.system();
      if (systemd.managesNode(paths)) {
        return systemd.stop(out, err);
      }
      Optional<ProcessHandle> supervisor = PidFile.live(paths.pidFile(NodeSupervisor.NAME));
      if (supervisor.isPresent()) {
        supervisor.get().destroy();
        try {
          supervisor.get().onExit().get(waitSeconds, TimeUnit.SECONDS);
        } catch (java.util.concurrent.TimeoutException e) {
          err.println(
              "crm cluster stop: supervisor pid "
                  + supervisor.get().pid()
                  + " did not stop within "
                  + waitSeconds
                  + " s");
          return 1;
        }
      }
      // Daemons left without a supervisor (it was killed): stop them by their pid files.
      int orphans = 0;
      List<DaemonSpec> reverse = new ArrayList<>(DaemonSpec.standard());
      java.util.Collections.reverse(reverse);
      for (DaemonSpec daemon : reverse) {
        Optional<ProcessHandle> left = PidFile.live(paths.pidFile(daemon.name()));
        if (left.isPresent()) {
          orphans++;
          left.get().destroy();
          try {
            left.get().onExit().get(30, TimeUnit.SECONDS);
          } catch (java.util.concurrent.TimeoutException e) {
            left.get().destroyForcibly();
          }
        }
        PidFile.delete(paths.pidFile(daemon.name()));
      }
      PidFile.delete(paths.pidFile(NodeSupervisor.NAME));
      if (supervisor.isEmpty() && orphans == 0) {
        out.println("Pacer is not running on this node");
      } else {
        out.println("Pacer stopped");
      }
      return 0;
    }
  }

  static List<String> tail(Path file, int lines) {
    try {
      List<String> all = Files.readAllLines(file);
      return all.subList(Math.max(0, all.size() - lines), all.size());
    } catch (IOException e) {
      return List.of("(cannot read " + file + ": " + e.getMessage() + ")");
    }
  }
}
