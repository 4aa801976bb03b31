package org.pacer.cli.cluster;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.pacer.messaging.paths.NodePaths;
import org.pacer.messaging.transport.EventLoops;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts a node's daemons as separate JVMs in dependency order, waits for each to answer on its
 * socket before starting the next, restarts one that dies (with backoff), and stops them in reverse
 * order. This is what pacemakerd does where systemd does not manage the daemons.
 */
public final class NodeSupervisor implements AutoCloseable {

  /** The supervisor's own pid file and log name. */
  public static final String NAME = "pacerd";

  private static final Logger log = LoggerFactory.getLogger(NodeSupervisor.class);
  private static final Duration READY_WAIT = Duration.ofSeconds(60);
  private static final Duration STOP_WAIT = Duration.ofSeconds(60);

  private final NodePaths paths;
  private final String node;
  private final List<DaemonSpec> specs;
  private final RestartPolicy restarts;
  private final Map<String, Child> children = new LinkedHashMap<>();
  private final ScheduledExecutorService timers =
      Executors.newSingleThreadScheduledExecutor(
          r -> {
            Thread t = new Thread(r, "supervisor-timers");
            t.setDaemon(true);
            return t;
          });
  private final EventLoops loops = EventLoops.create("supervisor-io", 1);
  private volatile boolean stopping;

  private static final class Child {
    final DaemonSpec spec;
    Process process;
    Instant startedAt;
    Duration lastDelay = Duration.ZERO;
    int restarts;

    Child(DaemonSpec spec) {
      this.spec = spec;
    }
  }

  public NodeSupervisor(
      NodePaths paths, String node, List<DaemonSpec> specs, RestartPolicy restarts) {
    this.paths = paths;
    this.node = node;
    this.specs = List.copyOf(specs);
    this.restarts = restarts;
  }

  /**
   * Starts every daemon in order, each once the previous one answers.
   *
   * @throws IOException when a daemon cannot be started or does not come up (the log is named)
   */
  public synchronized void start() throws IOException {
    Files.createDirectories(paths.runDir());
    Files.createDirectories(paths.logDir());
    for (DaemonSpec spec : specs) {
      Optional<ProcessHandle> leftover = PidFile.live(paths.pidFile(spec.name()));
      if (leftover.isPresent()) {
        throw new IOException(
            spec.name()
                + " is still running as pid "
                + leftover.get().pid()
                + " from an earlier start; run `crm cluster stop` first");
      }
    }
    for (DaemonSpec spec : specs) {
      Child child = new Child(spec);
      children.put(spec.name(), child);
      launch(child);
      awaitReady(child);
    }
    log.info("node {} is up: {}", node, String.join(", ", children.keySet()));
  }

  private void launch(Child child) throws IOException {
    DaemonSpec spec = child.spec;
    Path logFile = paths.logDir().resolve(spec.name() + ".log");
    List<String> command = new ArrayList<>();
    command.add(ProcessHandle.current().info().command().orElse("java"));
    command.addAll(javaOptions());
    command.add("-Dpacer.node=" + node);
    command.add("-Dpacer.daemon=" + spec.name());
    command.add("-Dlogback.configurationFile=org/pacer/cli/daemon-logback.xml");
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(spec.mainClass());
    command.add("--root");
    command.add(paths.root().toString());
    command.add("--node");
    command.add(node);
    ProcessBuilder builder =
        new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
            .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
    builder.environment().put(NodePaths.ROOT_ENV, paths.root().toString());
    Process process = builder.start();
    child.process = process;
    child.startedAt = Instant.now();
    PidFile.write(paths.pidFile(spec.name()), process.pid());
    log.info("started {} as pid {} (log {})", spec.name(), process.pid(), logFile);
    process.onExit().thenAccept(p -> exited(child, p));
  }

  private static List<String> javaOptions() {
    String custom = System.getenv("PACER_DAEMON_JAVA_OPTS");
    if (custom != null && !custom.isBlank()) {
      return List.of(custom.trim().split("\\s+"));
    }
    // Small, predictable JVMs: a node runs six of them.
    return List.of("-XX:+UseSerialGC", "-Xms16m", "-Xmx512m", "-Xss512k");
  }

  private void awaitReady(Child child) throws IOException {
    Path socket = paths.socket(child.spec.name());
    long giveUp = System.nanoTime() + READY_WAIT.toNanos();
    while (!DaemonProbe.answers(loops, socket)) {
      Process process = child.process;
      if (!process.isAlive()) {
        throw new IOException(
            child.spec.name()
                + " exited with status "
                + process.exitValue()
                + " while starting; see "
                + paths.logDir().resolve(child.spec.name() + ".log"));
      }
      if (System.nanoTime() > giveUp) {
        throw new IOException(
            child.spec.name()
                + " did not answer on "
                + socket
                + " within "
                + READY_WAIT.toSeconds()
                + " s; see "
                + paths.logDir().resolve(child.spec.name() + ".log"));
      }
      sleep(50);
    }
  }

  private synchronized void exited(Child child, Process process) {
    if (stopping || child.process != process) {
      return;
    }
    Duration uptime = Duration.between(child.startedAt, Instant.now());
    Duration delay = restarts.next(child.lastDelay, uptime);
    child.lastDelay = delay;
    child.restarts++;
    log.warn(
        "{} (pid {}) exited with status {} after {} s; restarting in {} ms (restart {})",
        child.spec.name(),
        process.pid(),
        process.exitValue(),
        uptime.toSeconds(),
        delay.toMillis(),
        child.restarts);
    timers.schedule(() -> restart(child), delay.toMillis(), TimeUnit.MILLISECONDS);
  }

  private synchronized void restart(Child child) {
    if (stopping) {
      return;
    }
    try {
      launch(child);
    } catch (IOException e) {
      log.error("could not restart {}: {}", child.spec.name(), e.getMessage());
      exited(child, child.process);
    }
  }

  /** How many times each daemon has been restarted (for status and tests). */
  public synchronized Map<String, Integer> restartCounts() {
    Map<String, Integer> counts = new LinkedHashMap<>();
    children.forEach((name, child) -> counts.put(name, child.restarts));
    return counts;
  }

  /** Stops every daemon in reverse start order, each with SIGTERM, then SIGKILL if it lingers. */
  @Override
  public void close() {
    List<Child> reverse;
    synchronized (this) {
      stopping = true;
      reverse = new ArrayList<>(children.values());
    }
    java.util.Collections.reverse(reverse);
    for (Child child : reverse) {
      Process process = child.process;
      if (process != null && process.isAlive()) {
        log.info("stopping {} (pid {})", child.spec.name(), process.pid());
        process.destroy();
        try {
          if (!process.waitFor(STOP_WAIT.toSeconds(), TimeUnit.SECONDS)) {
            log.warn(
                "{} did not stop within {} s; killing it",
                child.spec.name(),
                STOP_WAIT.toSeconds());
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
          }
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          process.destroyForcibly();
        }
      }
      PidFile.delete(paths.pidFile(child.spec.name()));
    }
    timers.shutdownNow();
    loops.close();
    log.info("node {} stopped", node);
  }

  private static void sleep(long millis) throws IOException {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    }
  }
}
