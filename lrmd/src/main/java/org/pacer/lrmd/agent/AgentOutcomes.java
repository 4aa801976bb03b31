package org.pacer.lrmd.agent;

import java.nio.file.Path;
import org.pacer.lrmd.process.ExitStatus;
import org.pacer.lrmd.process.ProcessOutcome;

/** Turns how an agent process ended into an {@link AgentResult}, per agent class. */
public final class AgentOutcomes {

  private AgentOutcomes() {}

  /** An OCF agent: the exit code is the OCF code; the exit reason comes from stderr. */
  public static AgentResult ocf(ActionRequest request, Path agent, ProcessOutcome outcome) {
    return interpret(request, agent, outcome, false);
  }

  /** An init script: status codes are mapped by the LSB rules. */
  public static AgentResult lsb(ActionRequest request, Path script, ProcessOutcome outcome) {
    return interpret(request, script, outcome, true);
  }

  private static AgentResult interpret(
      ActionRequest request, Path agent, ProcessOutcome outcome, boolean lsb) {
    String stdout = outcome.stdout().text();
    String stderr = outcome.stderr().text();
    ExitStatus status = outcome.status();
    if (status instanceof ExitStatus.Exited exited) {
      int exit = exited.code();
      OcfCode code = lsb ? LsbExitCodes.toOcf(request.action(), exit) : OcfCode.fromExit(exit);
      String reason = ExitReasons.parse(stderr);
      if (!lsb && !OcfCode.isDefined(exit) && reason.isEmpty()) {
        reason = "agent returned undefined exit code " + exit;
      }
      return result(code, exit, ExecStatus.DONE, reason, stdout, stderr, outcome);
    }
    if (status instanceof ExitStatus.Signaled signaled) {
      String reason =
          "agent killed by signal " + signaled.signal() + " (" + signaled.description() + ")";
      return result(OcfCode.ERROR, -1, ExecStatus.ERROR, reason, stdout, stderr, outcome);
    }
    if (status instanceof ExitStatus.TimedOut timedOut) {
      String reason =
          "agent did not exit within "
              + request.timeoutMs()
              + " ms; its process group was killed with "
              + (timedOut.forced() ? "SIGKILL after ignoring SIGTERM" : "SIGTERM");
      return result(OcfCode.ERROR, -1, ExecStatus.TIMEOUT, reason, stdout, stderr, outcome);
    }
    ExitStatus.LaunchFailed failed = (ExitStatus.LaunchFailed) status;
    // The file was there and executable a moment ago, so a failed exec is about its
    // interpreter (#! line) or its permissions, as Pacemaker reports it.
    OcfCode code =
        failed.reason().contains("Permission denied")
            ? OcfCode.INSUFFICIENT_PRIV
            : failed.reason().contains("No such file") ? OcfCode.NOT_INSTALLED : OcfCode.ERROR;
    String reason = "cannot execute " + agent + ": " + failed.reason();
    return result(code, -1, ExecStatus.DONE, reason, stdout, stderr, outcome);
  }

  private static AgentResult result(
      OcfCode code,
      int exit,
      ExecStatus status,
      String reason,
      String stdout,
      String stderr,
      ProcessOutcome outcome) {
    return new AgentResult(
        code, exit, status, reason, stdout, stderr, outcome.startedAt(), outcome.runTime());
  }
}
