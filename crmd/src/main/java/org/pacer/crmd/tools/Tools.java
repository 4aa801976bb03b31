package org.pacer.crmd.tools;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Pacemaker's helper commands as fronts to the controller: the resident daemon runs them for the
 * thin client ({@code pacer-tool}, linked under each command's name), and {@link #main} runs them
 * in a JVM of their own against a {@code CIB_file}.
 */
public final class Tools {

  public static final String VERSION_LINE = "Pacemaker 2.1.5 (Pacer crmd)";

  /** The commands served, by the name they are called by. */
  public static final List<String> NAMES =
      List.of("crm_attribute", "crm_master", "attrd_updater", "crm_node", "crm_mon");

  private Tools() {}

  /**
   * Runs one command.
   *
   * @param tool the name it was called by
   * @param env the caller's environment (only OCF_RESOURCE_INSTANCE is read)
   */
  public static ToolResult run(
      String tool, List<String> args, Map<String, String> env, ToolBackend backend) {
    return switch (tool) {
      case "crm_attribute" -> CrmAttribute.run(args, env, backend);
      case "crm_master" -> crmMaster(args, env, backend);
      case "attrd_updater" -> AttrdUpdater.run(args, backend);
      case "crm_node" -> CrmNode.run(args, backend);
      case "crm_mon" -> CrmMon.run(args, backend, java.time.ZonedDateTime.now());
      default -> ToolResult.error(ExitCodes.USAGE, "pacer-tool: unknown command '" + tool + "'\n");
    };
  }

  /**
   * Runs a command in this JVM against {@code $CIB_file}: {@code java -cp ... Tools NAME ARGS}.
   * Without CIB_file there is no resident controller to ask from here; the thin client is the way
   * to a running node.
   */
  public static void main(String[] argv) {
    if (argv.length == 0) {
      System.err.println("usage: Tools COMMAND [ARGS...]  (COMMAND: " + NAMES + ")");
      System.exit(ExitCodes.USAGE);
    }
    String tool = argv[0];
    List<String> args = List.of(argv).subList(1, argv.length);
    String cibFile = System.getenv("CIB_file");
    ToolResult r;
    if (cibFile == null || cibFile.isEmpty()) {
      r =
          ToolResult.error(
              ExitCodes.NOT_CONNECTED,
              tool + ": no CIB_file set and no controller to ask (use the pacer-tool client)\n");
    } else {
      try {
        r = run(tool, args, System.getenv(), new FileCibBackend(java.nio.file.Path.of(cibFile)));
      } catch (ToolException e) {
        r = ToolResult.error(e.exitCode(), tool + ": " + e.getMessage() + "\n");
      }
    }
    System.out.print(r.stdout());
    System.err.print(r.stderr());
    System.out.flush();
    System.exit(r.exitCode());
  }

  /**
   * crm_master is crm_attribute on {@code master-$OCF_RESOURCE_INSTANCE} of this node, lifetime
   * forever unless told otherwise.
   */
  private static ToolResult crmMaster(
      List<String> args, Map<String, String> env, ToolBackend backend) {
    String rsc = env.get("OCF_RESOURCE_INSTANCE");
    if (args.contains("--help") || args.contains("-h") || rsc == null || rsc.isEmpty()) {
      String usage =
          "Usage: crm_master <command> [<options>]\n\n"
              + "This command is deprecated. Use crm_attribute with the --promotion option\n"
              + "instead.\n";
      if (rsc == null || rsc.isEmpty()) {
        return new ToolResult(ExitCodes.ERROR, "\n" + usage, "error: No resource specified\n");
      }
      return ToolResult.ok(
          "crm_master - Query, update, or delete a resource's promotion score\n\n" + usage);
    }
    List<String> translated = new ArrayList<>(List.of("-n", "master-" + rsc, "-l", "forever"));
    translated.addAll(args);
    return CrmAttribute.run(translated, env, backend);
  }
}
