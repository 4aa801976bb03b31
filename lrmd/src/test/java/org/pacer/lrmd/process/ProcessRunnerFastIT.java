package org.pacer.lrmd.process;

/** The process runner's tests with the launcher that runs under setsid alone. */
class ProcessRunnerFastIT extends ProcessRunnerIT {
  @Override
  protected Launcher.Mode mode() {
    return Launcher.Mode.FAST;
  }
}
