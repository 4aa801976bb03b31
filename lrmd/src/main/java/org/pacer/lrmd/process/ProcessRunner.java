package org.pacer.lrmd.process;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs child processes asynchronously: one call, one {@link ProcessOutcome}.
 *
 * <p>The outcome is complete when the main process exits, not when its output closes: an agent that
 * starts a daemon may leave the daemon holding the pipes for ever. After the exit the runner waits
 * a short drain period for output still in the pipes, then reports. (The JDK itself closes our end
 * of the pipes when the process exits, so no reader thread is left waiting on a daemon; like under
 * Pacemaker, such a daemon gets EPIPE if it writes later, which is why agents redirect the output
 * of what they start.)
 *
 * <p>On timeout the whole process group (and every descendant seen at that moment, in case one left
 * the group) gets SIGTERM, then SIGKILL after the grace period if anything survived. The outcome of
 * a timed-out run is reported only once the tree is gone.
 */
public final class ProcessRunner implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(ProcessRunner.class);
  private static final File DEV_NULL = new File("/dev/null");
  private static final Duration DRAIN = Duration.ofMillis(100);
  private static final Duration POLL = Duration.ofMillis(20);
  private static final Duration KILL_WAIT = Duration.ofSeconds(5);

  private final Launcher launcher;
  private final ProcessGroups groups;
  private final Clock clock;
  private final ExecutorService io;
  private final ScheduledExecutorService timers;

  public ProcessRunner(Launcher launcher, ProcessGroups groups, Clock clock) {
    this.launcher = launcher;
    this.groups = groups;
    this.clock = clock;
    this.io = Executors.newCachedThreadPool(daemonThreads("lrmd-pipe"));
    this.timers = Executors.newSingleThreadScheduledExecutor(daemonThreads("lrmd-process-timer"));
  }

  public static ProcessRunner system(Clock clock) {
    return system(clock, Launcher.Mode.EXACT);
  }

  public static ProcessRunner system(Clock clock, Launcher.Mode mode) {
    return new ProcessRunner(Launcher.system(mode), ProcessGroups.system(), clock);
  }

  /**
   * Starts the child on one of the runner's threads (spawning takes a millisecond or more, which
   * the caller's thread, often the executor's, should not spend) and completes with its outcome.
   */
  public CompletableFuture<ProcessOutcome> run(ProcessSpec spec) {
    return CompletableFuture.supplyAsync(() -> spawn(spec), io).thenCompose(f -> f);
  }

  private CompletableFuture<ProcessOutcome> spawn(ProcessSpec spec) {
    Instant startedAt = clock.instant();
    ProcessBuilder builder = new ProcessBuilder(launcher.wrap(spec.command()));
    builder.environment().clear();
    builder.environment().putAll(spec.environment());
    if (spec.workingDirectory() != null) {
      builder.directory(spec.workingDirectory().toFile());
    }
    if (spec.stdin() == null) {
      builder.redirectInput(ProcessBuilder.Redirect.from(DEV_NULL));
    }
    long startNanos = System.nanoTime();
    Process process;
    try {
      process = builder.start();
    } catch (IOException e) {
      return CompletableFuture.completedFuture(
          ProcessOutcome.launchFailed("cannot start launcher: " + e.getMessage(), startedAt));
    }
    return new Running(process, spec, startedAt, startNanos).begin();
  }

  @Override
  public void close() {
    timers.shutdownNow();
    io.shutdownNow();
  }

  /** The state of one child from start to outcome. */
  private final class Running {
    private final Process process;
    private final ProcessSpec spec;
    private final Instant startedAt;
    private final long startNanos;
    private final OutputCapture stdout;
    private final OutputCapture stderr;
    private final CompletableFuture<ProcessOutcome> outcome = new CompletableFuture<>();
    private CompletableFuture<Void> stdoutDone;
    private CompletableFuture<Void> stderrDone;
    private ScheduledFuture<?> timeoutTask;
    private ScheduledFuture<?> pollTask;
    private long killAt;
    private boolean killed;
    private List<ProcessHandle> descendants = List.of();
    private boolean timedOut;
    private boolean forced;
    private boolean exited;
    private long exitNanos;

    Running(Process process, ProcessSpec spec, Instant startedAt, long startNanos) {
      this.process = process;
      this.spec = spec;
      this.startedAt = startedAt;
      this.startNanos = startNanos;
      this.stdout = new OutputCapture(spec.captureLimit());
      this.stderr = new OutputCapture(spec.captureLimit());
    }

    CompletableFuture<ProcessOutcome> begin() {
      stdoutDone = CompletableFuture.runAsync(() -> drain(process.getInputStream(), stdout), io);
      stderrDone = CompletableFuture.runAsync(() -> drain(process.getErrorStream(), stderr), io);
      if (spec.stdin() != null) {
        io.execute(this::feedStdin);
      }
      synchronized (this) {
        timeoutTask =
            timers.schedule(this::onTimeout, spec.timeout().toNanos(), TimeUnit.NANOSECONDS);
      }
      process.onExit().thenRunAsync(this::onExit, io);
      return outcome;
    }

    private void feedStdin() {
      try (OutputStream in = process.getOutputStream()) {
        in.write(spec.stdin());
      } catch (IOException e) {
        // The child closed its stdin early (it does not read it): not an error of the run.
        log.debug("stdin of {} not fully written: {}", spec.command().get(0), e.getMessage());
      }
    }

    private void drain(InputStream in, OutputCapture capture) {
      byte[] buffer = new byte[8192];
      try (in) {
        int n;
        while ((n = in.read(buffer)) >= 0) {
          capture.write(buffer, 0, n);
        }
      } catch (IOException e) {
        log.debug("output of {} closed: {}", spec.command().get(0), e.getMessage());
      }
    }

    private synchronized void onTimeout() {
      if (exited) {
        return;
      }
      timedOut = true;
      descendants = process.descendants().toList();
      log.debug("{} timed out after {}; sending SIGTERM to group {}", spec, spec.timeout(), pid());
      groups.signal(pid(), Signals.SIGTERM);
      descendants.forEach(ProcessHandle::destroy);
      killAt = System.nanoTime() + spec.killGrace().toNanos();
      pollTask =
          timers.scheduleWithFixedDelay(
              this::pollTimedOutTree, POLL.toMillis(), POLL.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Runs every few milliseconds after a timeout until the whole tree is gone. */
    private void pollTimedOutTree() {
      List<Long> survivors = survivors();
      long now = System.nanoTime();
      synchronized (this) {
        if (survivors.isEmpty() && exited) {
          pollTask.cancel(false);
        } else if (!killed && now >= killAt) {
          killed = true;
          forced = !survivors.isEmpty();
          log.debug("group {} survived SIGTERM ({}); sending SIGKILL", pid(), survivors);
          groups.signal(pid(), Signals.SIGKILL);
          descendants.forEach(ProcessHandle::destroyForcibly);
          return;
        } else if (killed && now >= killAt + KILL_WAIT.toNanos()) {
          log.error(
              "processes {} of group {} survived SIGKILL; reporting the timeout", survivors, pid());
          pollTask.cancel(false);
        } else {
          return;
        }
      }
      process.onExit().thenRunAsync(this::finishAfterOutput, io);
    }

    private List<Long> survivors() {
      List<Long> alive = new ArrayList<>(groups.members(pid()));
      for (ProcessHandle descendant : descendants) {
        if (!alive.contains(descendant.pid()) && groups.running(descendant.pid())) {
          alive.add(descendant.pid());
        }
      }
      return alive;
    }

    private void onExit() {
      boolean finishNow;
      synchronized (this) {
        exited = true;
        exitNanos = System.nanoTime();
        timeoutTask.cancel(false);
        // After a timeout the poll reports, once every process of the tree is gone.
        finishNow = !timedOut;
      }
      if (finishNow) {
        finishAfterOutput();
      }
    }

    private void finishAfterOutput() {
      CompletableFuture.allOf(stdoutDone, stderrDone)
          .completeOnTimeout(null, DRAIN.toMillis(), TimeUnit.MILLISECONDS)
          .thenRun(this::finish);
    }

    private void finish() {
      if (!stdoutDone.isDone() || !stderrDone.isDone()) {
        log.debug("{} exited but a child still holds its output open", spec.command().get(0));
      }
      String errText = stderr.snapshot().text();
      Launcher.Decoded decoded = launcher.decode(process.exitValue(), errText);
      ExitStatus status;
      synchronized (this) {
        status = timedOut ? new ExitStatus.TimedOut(forced) : decoded.status();
      }
      long end = exited ? exitNanos : System.nanoTime();
      outcome.complete(
          new ProcessOutcome(
              status,
              stdout.snapshot(),
              CapturedOutput.of(decoded.stderr()),
              startedAt,
              Duration.ofNanos(end - startNanos),
              pid()));
    }

    private long pid() {
      return process.pid();
    }
  }

  private static ThreadFactory daemonThreads(String prefix) {
    AtomicInteger counter = new AtomicInteger();
    return runnable -> {
      Thread thread = new Thread(runnable, prefix + "-" + counter.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    };
  }
}
