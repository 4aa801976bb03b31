package org.pacer.lrmd.agent;

/**
 * The results an OCF agent reports through its exit code (OCF 1.1 and Pacemaker's additions), with
 * the wording Pacemaker's tools print for them.
 */
public enum OcfCode {
  OK(0, "ok", null),
  ERROR(1, "error", "Error occurred"),
  INVALID_PARAM(2, "invalid parameter", "Invalid parameter"),
  UNIMPLEMENTED(3, "unimplemented feature", "Unimplemented"),
  INSUFFICIENT_PRIV(4, "insufficient privileges", "Insufficient privileges"),
  NOT_INSTALLED(5, "not installed", "Not installed"),
  NOT_CONFIGURED(6, "not configured", "Not configured"),
  NOT_RUNNING(7, "not running", "Not running"),
  RUNNING_PROMOTED(8, "promoted", "Promoted"),
  FAILED_PROMOTED(9, "promoted (failed)", "Failed in promoted role"),
  DEGRADED(190, "OCF_DEGRADED", "Service is active but might fail soon"),
  DEGRADED_PROMOTED(191, "promoted (degraded)", "Service is promoted but might fail soon");

  private final int code;
  private final String description;
  private final String errorText;

  OcfCode(int code, String description, String errorText) {
    this.code = code;
    this.description = description;
    this.errorText = errorText;
  }

  public int code() {
    return code;
  }

  /** The short form shown after the number: {@code returned 7 (not running)}. */
  public String description() {
    return description;
  }

  /** The sentence used when an action did not succeed ({@code Not running}); empty for OK. */
  public String errorText() {
    return errorText == null ? "" : errorText;
  }

  /** Exit codes the standard does not define count as a generic error, as Pacemaker does. */
  public static OcfCode fromExit(int exitCode) {
    for (OcfCode value : values()) {
      if (value.code == exitCode) {
        return value;
      }
    }
    return ERROR;
  }

  /** True for codes OCF defines; false for the ones {@link #fromExit} folds into ERROR. */
  public static boolean isDefined(int exitCode) {
    for (OcfCode value : values()) {
      if (value.code == exitCode) {
        return true;
      }
    }
    return false;
  }
}
