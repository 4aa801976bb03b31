package org.pacer.lrmd.process;

/** How a child process ended. */
public sealed interface ExitStatus {

  /** The process called exit with this code. */
  record Exited(int code) implements ExitStatus {}

  /** The process was ended by a signal it did not handle (not one we sent for a timeout). */
  record Signaled(int signal) implements ExitStatus {
    public String description() {
      return Signals.description(signal);
    }
  }

  /**
   * The process ran past its timeout and was killed with its process group.
   *
   * @param forced true when SIGTERM was not enough and SIGKILL had to be sent
   */
  record TimedOut(boolean forced) implements ExitStatus {}

  /** The process could not be started at all (missing file, no permission, bad interpreter). */
  record LaunchFailed(String reason) implements ExitStatus {}
}
