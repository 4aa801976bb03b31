package org.pacer.crmd.tools;

/** What a helper command prints and how it exits. */
public record ToolResult(int exitCode, String stdout, String stderr) {

  public static ToolResult ok(String stdout) {
    return new ToolResult(ExitCodes.OK, stdout, "");
  }

  public static ToolResult error(int code, String stderr) {
    return new ToolResult(code, "", stderr);
  }
}
