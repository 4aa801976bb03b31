package org.pacer.stonithd.agent;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import org.pacer.lrmd.process.ExitStatus;
import org.pacer.lrmd.process.ProcessOutcome;
import org.pacer.lrmd.process.ProcessRunner;
import org.pacer.lrmd.process.ProcessSpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs fence agents by the fence-agent convention: no arguments, options as {@code key=value} lines
 * on stdin, exit code 0 for success. Each run is one child in its own session with a timeout that
 * kills its whole process group (lrmd's process runner), so an agent that hangs or forks a stray
 * child costs a bounded time and leaves nothing behind.
 */
public final class FenceAgentRunner {

  private static final Logger log = LoggerFactory.getLogger(FenceAgentRunner.class);
  static final Duration METADATA_TIMEOUT = Duration.ofSeconds(20);
  private static final int CAPTURE = 64 * 1024;
  private static final int REASON_CHARS = 300;
  private static final Map<String, String> ENV =
      Map.of("PATH", "/usr/sbin:/usr/bin:/sbin:/bin", "LC_ALL", "C");

  private final ProcessRunner processes;
  private final AgentLocator locator;
  private final Map<String, CompletableFuture<AgentMetadata>> metadata = new ConcurrentHashMap<>();

  public FenceAgentRunner(ProcessRunner processes, AgentLocator locator) {
    this.processes = processes;
    this.locator = locator;
  }

  public AgentLocator locator() {
    return locator;
  }

  /**
   * The agent's meta-data, read once and kept; a failed read is not kept, so a fixed agent is seen
   * on the next use.
   */
  public CompletableFuture<AgentMetadata> metadata(String agent) {
    CompletableFuture<AgentMetadata> cached = metadata.get(agent);
    if (cached != null && !cached.isCompletedExceptionally()) {
      return cached;
    }
    CompletableFuture<AgentMetadata> fresh =
        run(agent, List.of("action=metadata"), METADATA_TIMEOUT)
            .thenApply(
                result -> {
                  if (!result.ok()) {
                    throw new IllegalArgumentException(
                        "cannot read the meta-data of " + agent + ": " + result.reason());
                  }
                  return AgentMetadata.parse(agent, result.output());
                });
    metadata.put(agent, fresh);
    fresh.whenComplete(
        (m, e) -> {
          if (e != null) {
            metadata.remove(agent, fresh);
          }
        });
    return fresh;
  }

  /** Runs {@code agent} with these stdin lines. Never completes exceptionally. */
  public CompletableFuture<AgentResult> run(String agent, List<String> lines, Duration timeout) {
    Optional<Path> executable = locator.find(agent);
    if (executable.isEmpty()) {
      return CompletableFuture.completedFuture(AgentResult.notRun(locator.whyMissing(agent)));
    }
    byte[] stdin;
    try {
      stdin = AgentInput.encode(lines);
    } catch (IllegalArgumentException e) {
      return CompletableFuture.completedFuture(AgentResult.notRun(e.getMessage()));
    }
    String action = lines.isEmpty() ? "?" : lines.get(0).substring(lines.get(0).indexOf('=') + 1);
    ProcessSpec spec =
        ProcessSpec.of(List.of(executable.get().toString()), ENV, timeout)
            .withStdin(stdin)
            .withCaptureLimit(CAPTURE);
    return processes
        .run(spec)
        .thenApply(outcome -> interpret(agent, action, timeout, outcome))
        .exceptionally(e -> AgentResult.notRun("running " + agent + " failed: " + e.getMessage()));
  }

  private static AgentResult interpret(
      String agent, String action, Duration timeout, ProcessOutcome outcome) {
    String out = outcome.stdout().text();
    String err = lastLine(outcome.stderr().lastChars(4096));
    String what = agent + " " + action;
    ExitStatus status = outcome.status();
    AgentResult result;
    if (status instanceof ExitStatus.Exited exited && exited.code() == 0) {
      result = new AgentResult(AgentResult.Outcome.OK, 0, out, what + ": OK", outcome.runTime());
    } else if (status instanceof ExitStatus.Exited exited) {
      result =
          new AgentResult(
              AgentResult.Outcome.FAILED,
              exited.code(),
              out,
              what + " failed with exit code " + exited.code() + detail(err, out),
              outcome.runTime());
    } else if (status instanceof ExitStatus.TimedOut t) {
      result =
          new AgentResult(
              AgentResult.Outcome.TIMED_OUT,
              -1,
              out,
              what
                  + " timed out after "
                  + timeout.toMillis()
                  + " ms and was killed"
                  + (t.forced() ? " with SIGKILL" : ""),
              outcome.runTime());
    } else if (status instanceof ExitStatus.Signaled s) {
      result =
          new AgentResult(
              AgentResult.Outcome.SIGNALED,
              -1,
              out,
              what + " was killed by " + s.description() + detail(err, out),
              outcome.runTime());
    } else {
      result =
          AgentResult.notRun(
              "cannot start " + agent + ": " + ((ExitStatus.LaunchFailed) status).reason());
    }
    if (!result.ok()) {
      log.debug("{}", result.reason());
    }
    return result;
  }

  private static String detail(String err, String out) {
    String text = !err.isBlank() ? err : lastLine(out);
    return text.isBlank() ? "" : " (" + text + ")";
  }

  /** The last non-empty line, shortened: agents log whole tracebacks on stderr. */
  static String lastLine(String text) {
    String[] lines = text.strip().split("\\R");
    for (int i = lines.length - 1; i >= 0; i--) {
      String line = lines[i].strip().replaceAll("\\p{Cntrl}", "?");
      if (!line.isEmpty()) {
        return line.length() > REASON_CHARS ? line.substring(0, REASON_CHARS) + "..." : line;
      }
    }
    return "";
  }
}
