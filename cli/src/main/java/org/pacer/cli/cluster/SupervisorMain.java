package org.pacer.cli.cluster;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import org.pacer.messaging.paths.NodePaths;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The supervising process of one node ({@code pacerd}), started detached by {@code crm cluster
 * start}. Arguments: {@code --root DIR --node NAME [--daemons name=main.Class,...]}. SIGTERM stops
 * the daemons in reverse order, then the supervisor.
 */
public final class SupervisorMain {

  private static final Logger log = LoggerFactory.getLogger(SupervisorMain.class);

  private SupervisorMain() {}

  public static void main(String[] args) {
    Map<String, String> options = Options.parse(args);
    NodePaths paths = NodePaths.resolve(options.get("--root"), System.getenv());
    String node = options.getOrDefault("--node", NodeName.local());
    List<DaemonSpec> specs =
        options.containsKey("--daemons")
            ? DaemonSpec.parseList(options.get("--daemons"))
            : DaemonSpec.available(SupervisorMain.class.getClassLoader());
    NodeSupervisor supervisor = new NodeSupervisor(paths, node, specs, RestartPolicy.standard());
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  supervisor.close();
                  PidFile.delete(paths.pidFile(NodeSupervisor.NAME));
                  stopped.countDown();
                },
                "supervisor-stop"));
    try {
      PidFile.write(paths.pidFile(NodeSupervisor.NAME), ProcessHandle.current().pid());
      supervisor.start();
    } catch (Exception e) {
      log.error("node {} failed to start: {}", node, e.getMessage());
      System.exit(1);
    }
    try {
      stopped.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
