package org.pacer.lrmd.agent;

/**
 * Maps an init script's exit code to an OCF result. The LSB gives status its own codes (0 running;
 * 1, 2 and 3 dead or stopped; 4 unknown; Pacemaker adds 150 not installed and 151 insufficient
 * privileges); every other action shares the OCF codes 0 to 7.
 */
public final class LsbExitCodes {

  public static final int STATUS_NOT_INSTALLED = 150;
  public static final int STATUS_INSUFFICIENT_PRIV = 151;

  private LsbExitCodes() {}

  public static OcfCode toOcf(String action, int exitCode) {
    if ("status".equals(action) || "monitor".equals(action)) {
      return switch (exitCode) {
        case 0 -> OcfCode.OK;
        // 1: dead but a pid file exists; 2: dead but a lock file exists; 3: not running.
        case 1, 2, 3 -> OcfCode.NOT_RUNNING;
        case STATUS_NOT_INSTALLED -> OcfCode.NOT_INSTALLED;
        case STATUS_INSUFFICIENT_PRIV -> OcfCode.INSUFFICIENT_PRIV;
        default -> OcfCode.ERROR;
      };
    }
    if (exitCode >= 0 && exitCode <= 7) {
      return OcfCode.fromExit(exitCode);
    }
    return OcfCode.ERROR;
  }
}
