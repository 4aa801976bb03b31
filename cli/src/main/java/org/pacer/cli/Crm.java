package org.pacer.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import org.pacer.cib.cli.CibCommand;
import org.pacer.cib.client.LiveConnections;
import org.pacer.cli.cluster.ClusterCommand;
import org.pacer.cli.configure.CrmRunner;
import org.pacer.lrmd.cli.RaCommand;
import org.pacer.lrmd.cli.ResourceForceCommand;
import org.pacer.messaging.paths.NodePaths;
import org.pacer.pengine.cli.SimulateCommand;
import org.pacer.pengine.cli.VerifyCommand;
import org.pacer.stonithd.cli.CrmNodeFenceCommand;
import org.pacer.stonithd.cli.CrmStonithCommand;
import org.pacer.stonithd.cli.StonithConnector;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code crm}: Pacer's shell, in the manner of crmsh.
 *
 * <p>Two kinds of command live here. The crmsh levels ({@code configure}, {@code resource}, {@code
 * node}, {@code cib} shadows, {@code options}, batch scripts with {@code -f}) are a line-oriented
 * shell ({@link CrmRunner}); leaf commands that take options the Pacemaker way ({@code cluster},
 * {@code cib} with cibadmin's options, {@code simulate}, {@code verify}, {@code ra}, {@code
 * stonith}, {@code resource force-*}, {@code node fence}) are picocli commands. {@link #run} sends
 * each invocation to the one that owns it.
 */
@Command(
    name = "crm",
    mixinStandardHelpOptions = true,
    versionProvider = Crm.Version.class,
    description = "Pacer cluster shell: configure, inspect and manage a Pacer cluster.",
    footer = {
      "",
      "Shell levels (crmsh's language; also in scripts with -f FILE or on standard input):",
      "  configure  resource  node  cib new|use|commit|diff|list|delete|reset  options",
      "Global options for the shell levels: -F/--force, -w/--wait, -f FILE."
    },
    subcommands = {
      CommandLine.HelpCommand.class,
      ClusterCommand.class,
      org.pacer.cli.configure.ConfigureCommand.class,
    })
public final class Crm implements Runnable {

  /** Leaf commands that are always picocli's. */
  private static final Set<String> LEAF_LEVELS =
      Set.of(
          "-h",
          "--help",
          "-V",
          "--version",
          "help",
          "cluster",
          "simulate",
          "verify",
          "ra",
          "stonith");

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  public static void main(String[] args) {
    System.exit(run(args));
  }

  /** Runs the shell with the given arguments and returns the exit code (testable without exit). */
  public static int run(String... args) {
    if (ownedByPicocli(args)) {
      return commandLine().execute(args);
    }
    PrintWriter out = new PrintWriter(System.out, true, StandardCharsets.UTF_8);
    PrintWriter err = new PrintWriter(System.err, true, StandardCharsets.UTF_8);
    return new CrmRunner(System.getenv(), System.in, out, err, Path.of("").toAbsolutePath())
        .terminal(System.console() != null)
        .run(List.of(args));
  }

  /** Whether an invocation is a picocli leaf command rather than a crmsh shell level. */
  static boolean ownedByPicocli(String... args) {
    if (args.length == 0) {
      return false;
    }
    String level = args[0];
    if (LEAF_LEVELS.contains(level)) {
      return true;
    }
    return switch (level) {
      case "cib" -> args.length == 1 || args[1].startsWith("-");
      case "resource" -> args.length > 1 && args[1].startsWith("force-");
      case "node" -> args.length > 1 && args[1].equals("fence");
      default -> false;
    };
  }

  /**
   * The picocli commands, including those whose constructors need to know how to reach the live
   * cluster (the node's daemons under {@code PACER_ROOT}).
   */
  public static CommandLine commandLine() {
    NodePaths paths = NodePaths.resolve(null, System.getenv());
    StonithConnector stonith = StonithConnector.local(paths, "crm");
    ZoneId zone = ZoneId.systemDefault();
    CommandLine crm = new CommandLine(new Crm());
    crm.addSubcommand(new CibCommand(LiveConnections::open));
    crm.addSubcommand(new SimulateCommand());
    crm.addSubcommand(new VerifyCommand());
    crm.addSubcommand(new RaCommand());
    CrmStonithCommand stonithCommand = new CrmStonithCommand(stonith, zone);
    crm.addSubcommand(new CommandLine(stonithCommand, stonithCommand.factory()));
    CommandLine resource = new CommandLine(new Level()).setCommandName("resource");
    for (Class<? extends ResourceForceCommand> c : ResourceForceCommand.commands()) {
      resource.addSubcommand(new CommandLine(c));
    }
    crm.addSubcommand("resource", resource);
    CommandLine node = new CommandLine(new Level()).setCommandName("node");
    node.addSubcommand(new CommandLine(new CrmNodeFenceCommand(stonith, zone)));
    crm.addSubcommand("node", node);
    return crm;
  }

  /** A level that only groups picocli leaves; its other commands belong to the shell. */
  @Command(description = "(picocli part of the level; the rest is the crmsh shell level)")
  static final class Level implements Runnable {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
      spec.commandLine().usage(spec.commandLine().getOut());
    }
  }

  @Override
  public void run() {
    // No level given: show what exists, as crmsh's top level does with `help`.
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** Reports the version the build stamped into the jar. */
  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      return new String[] {"crm (Pacer) " + projectVersion()};
    }
  }

  static String projectVersion() {
    Properties properties = new Properties();
    try (InputStream in = Crm.class.getResourceAsStream("version.properties")) {
      if (in == null) {
        return "unknown";
      }
      properties.load(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return properties.getProperty("version", "unknown");
  }
}
