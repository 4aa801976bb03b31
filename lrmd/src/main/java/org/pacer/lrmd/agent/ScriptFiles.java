package org.pacer.lrmd.agent;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;

/** The checks made on an agent file before running it, so that each problem is named exactly. */
final class ScriptFiles {

  private ScriptFiles() {}

  /** A result when {@code agent} cannot be run at all, or empty when it can. */
  static Optional<AgentResult> problem(Path agent, Instant now) {
    if (!Files.exists(agent)) {
      return Optional.of(
          AgentResult.immediate(
              OcfCode.NOT_INSTALLED,
              ExecStatus.NOT_INSTALLED,
              agent + ": No such file or directory",
              now));
    }
    if (Files.isDirectory(agent)) {
      return Optional.of(
          AgentResult.immediate(
              OcfCode.NOT_INSTALLED, ExecStatus.NOT_INSTALLED, agent + ": Is a directory", now));
    }
    if (!Files.isExecutable(agent)) {
      return Optional.of(
          AgentResult.immediate(
              OcfCode.INSUFFICIENT_PRIV,
              ExecStatus.ERROR,
              agent + ": Permission denied (not executable)",
              now));
    }
    return Optional.empty();
  }
}
