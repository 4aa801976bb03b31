package org.pacer.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;
import org.pacer.cib.cli.CibCommand;
import org.pacer.cli.cluster.ClusterCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code crm}: Pacer's shell, in the manner of crmsh. Each level (configure, resource, node,
 * cluster, ...) is a subcommand; this class only wires them together.
 */
@Command(
    name = "crm",
    mixinStandardHelpOptions = true,
    versionProvider = Crm.Version.class,
    description = "Pacer cluster shell: configure, inspect and manage a Pacer cluster.",
    subcommands = {
      CommandLine.HelpCommand.class,
      ClusterCommand.class,
      org.pacer.cli.configure.ConfigureCommand.class,
    })
public final class Crm implements Runnable {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  public static void main(String[] args) {
    System.exit(run(args));
  }

  /** Runs the shell with the given arguments and returns the exit code (testable without exit). */
  public static int run(String... args) {
    return commandLine().execute(args);
  }

  /**
   * The whole shell: every level, including those whose commands need constructor arguments (how to
   * reach the live cluster) and so cannot be listed in the annotation.
   */
  public static CommandLine commandLine() {
    CommandLine crm = new CommandLine(new Crm());
    // The live-cluster connector arrives with the cib daemon; until then CIB_file works.
    crm.addSubcommand(new CibCommand(null));
    return crm;
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
