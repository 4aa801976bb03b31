package org.pacer.crmd.tools;

import java.util.List;

/** The {@code <pacemaker-result>} document Pacemaker's tools print with {@code --output-as=xml}. */
final class XmlResult {

  static final String API_VERSION = "2.25";

  private final String request;

  XmlResult(String tool, List<String> args) {
    this.request = tool + (args.isEmpty() ? "" : " " + String.join(" ", args));
  }

  ToolResult ok(String body) {
    return ToolResult.ok(head() + body + "  <status code=\"0\" message=\"OK\"/>\n" + tail());
  }

  ToolResult error(ToolException e) {
    String text =
        head()
            + "  <status code=\""
            + e.exitCode()
            + "\" message=\""
            + escape(describe(e.exitCode()))
            + "\">\n    <errors>\n      <error>"
            + escape(e.getMessage())
            + "</error>\n    </errors>\n  </status>\n"
            + tail();
    return new ToolResult(e.exitCode(), text, "");
  }

  private String head() {
    return "<pacemaker-result api-version=\""
        + API_VERSION
        + "\" request=\""
        + escape(request)
        + "\">\n";
  }

  private static String tail() {
    return "</pacemaker-result>\n";
  }

  static String describe(int code) {
    return switch (code) {
      case ExitCodes.OK -> "OK";
      case ExitCodes.USAGE -> "Incorrect usage";
      case ExitCodes.DATAERR -> "Invalid data given";
      case ExitCodes.PROTOCOL -> "Protocol violated";
      case ExitCodes.NOT_CONNECTED -> "Not connected";
      case ExitCodes.NOSUCH -> "No such object";
      case ExitCodes.INVALID_PARAM -> "Invalid parameter";
      default -> "Error occurred";
    };
  }

  static String escape(String s) {
    return org.pacer.crmd.cib.StatusXml.escape(s);
  }
}
