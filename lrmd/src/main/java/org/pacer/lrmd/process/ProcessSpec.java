package org.pacer.lrmd.process;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One child process to run.
 *
 * @param command the program and its arguments
 * @param environment the complete environment of the child (nothing is inherited implicitly)
 * @param stdin bytes written to the child's standard input, which is then closed; null for none
 * @param workingDirectory where the child starts; null for the runner's own
 * @param timeout how long the child may run before its process group is killed
 * @param killGrace how long after SIGTERM the group gets before SIGKILL
 * @param captureLimit bytes kept from the start and from the end of each of stdout and stderr
 */
public record ProcessSpec(
    List<String> command,
    Map<String, String> environment,
    byte[] stdin,
    Path workingDirectory,
    Duration timeout,
    Duration killGrace,
    int captureLimit) {

  public static final Duration DEFAULT_KILL_GRACE = Duration.ofSeconds(2);
  public static final int DEFAULT_CAPTURE_LIMIT = 64 * 1024;

  public ProcessSpec {
    command = List.copyOf(command);
    if (command.isEmpty()) {
      throw new IllegalArgumentException("empty command");
    }
    environment = Map.copyOf(environment);
    stdin = stdin == null ? null : stdin.clone();
    Objects.requireNonNull(timeout, "timeout");
    Objects.requireNonNull(killGrace, "killGrace");
    if (timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("timeout must be positive: " + timeout);
    }
    if (captureLimit <= 0) {
      throw new IllegalArgumentException("captureLimit must be positive: " + captureLimit);
    }
  }

  public static ProcessSpec of(List<String> command, Map<String, String> env, Duration timeout) {
    return new ProcessSpec(
        command, env, null, null, timeout, DEFAULT_KILL_GRACE, DEFAULT_CAPTURE_LIMIT);
  }

  public ProcessSpec withStdin(byte[] input) {
    return new ProcessSpec(
        command, environment, input, workingDirectory, timeout, killGrace, captureLimit);
  }

  public ProcessSpec withKillGrace(Duration grace) {
    return new ProcessSpec(
        command, environment, stdin, workingDirectory, timeout, grace, captureLimit);
  }

  public ProcessSpec withCaptureLimit(int limit) {
    return new ProcessSpec(
        command, environment, stdin, workingDirectory, timeout, killGrace, limit);
  }

  public ProcessSpec withWorkingDirectory(Path directory) {
    return new ProcessSpec(
        command, environment, stdin, directory, timeout, killGrace, captureLimit);
  }

  @Override
  public byte[] stdin() {
    return stdin == null ? null : stdin.clone();
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof ProcessSpec o
        && command.equals(o.command)
        && environment.equals(o.environment)
        && java.util.Arrays.equals(stdin, o.stdin)
        && Objects.equals(workingDirectory, o.workingDirectory)
        && timeout.equals(o.timeout)
        && killGrace.equals(o.killGrace)
        && captureLimit == o.captureLimit;
  }

  @Override
  public int hashCode() {
    return Objects.hash(command, environment, workingDirectory, timeout);
  }

  @Override
  public String toString() {
    return "ProcessSpec" + command;
  }
}
