package org.pacer.cli.tools;

import java.time.ZoneId;
import java.util.Arrays;
import java.util.Map;
import org.pacer.cli.Crm;
import org.pacer.messaging.paths.NodePaths;
import org.pacer.stonithd.cli.StonithAdminCommand;
import org.pacer.stonithd.cli.StonithConnector;

/**
 * Pacemaker's command names for scripts that call them directly ({@code cibadmin -Q}, {@code
 * crm_simulate -L}, {@code crm_verify -L}, {@code stonith_admin -F node}): {@code bin/} links each
 * name to one launcher, which passes the name it was called by as the first argument. Each name
 * runs the same command {@code crm} offers, so there is one implementation per tool.
 */
public final class PacemakerTools {

  /** Exit code for a usage error, as Pacemaker's tools use it. */
  static final int USAGE = 64;

  /** Tool name → the crm level that implements it with the tool's own options. */
  private static final Map<String, String> CRM_LEVELS =
      Map.of("cibadmin", "cib", "crm_simulate", "simulate", "crm_verify", "verify");

  private PacemakerTools() {}

  public static void main(String[] args) {
    System.exit(run(args));
  }

  /** Runs {@code args[0]} (a tool name) with the remaining arguments; returns the exit code. */
  public static int run(String... args) {
    if (args.length == 0) {
      System.err.println("pacer-tools: name a tool: " + names());
      return USAGE;
    }
    String tool = args[0];
    String[] rest = Arrays.copyOfRange(args, 1, args.length);
    if (tool.equals("stonith_admin")) {
      NodePaths paths = NodePaths.resolve(null, System.getenv());
      return StonithAdminCommand.commandLine(
              StonithConnector.local(paths, "stonith_admin"), ZoneId.systemDefault())
          .execute(rest);
    }
    String level = CRM_LEVELS.get(tool);
    if (level == null) {
      System.err.println("pacer-tools: no tool named '" + tool + "'; known: " + names());
      return USAGE;
    }
    String[] crmArgs = new String[rest.length + 1];
    crmArgs[0] = level;
    System.arraycopy(rest, 0, crmArgs, 1, rest.length);
    return Crm.run(crmArgs);
  }

  /** Every name this launcher answers to, from the table above plus stonith_admin. */
  static String names() {
    java.util.TreeSet<String> all = new java.util.TreeSet<>(CRM_LEVELS.keySet());
    all.add("stonith_admin");
    return String.join(", ", all);
  }
}
