package org.pacer.lrmd.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import org.pacer.lrmd.agent.AgentClass;
import org.pacer.lrmd.agent.AgentId;
import org.pacer.lrmd.metadata.MetadataException;
import org.pacer.lrmd.metadata.MetadataFormatter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code crm ra}: the resource agents this node has, printed as crmsh prints them. */
@Command(
    name = "ra",
    description = "Resource agents: classes, agents, providers and their meta-data.",
    mixinStandardHelpOptions = true,
    subcommands = {
      RaCommand.Classes.class,
      RaCommand.ListAgents.class,
      RaCommand.Providers.class,
      RaCommand.Info.class,
      RaCommand.Meta.class
    })
public final class RaCommand implements Callable<Integer> {

  @Spec CommandSpec spec;
  private final CliEnvironment environment;

  public RaCommand() {
    this(CliEnvironment.system());
  }

  public RaCommand(CliEnvironment environment) {
    this.environment = environment;
  }

  @Override
  public Integer call() {
    spec.commandLine().usage(spec.commandLine().getOut());
    return 0;
  }

  int fail(CommandSpec sub, String message) {
    sub.commandLine().getErr().println("ERROR: " + message);
    return 1;
  }

  /** {@code crm ra classes}. */
  @Command(name = "classes", description = "List the agent classes, with the OCF providers.")
  public static final class Classes implements Callable<Integer> {
    @ParentCommand RaCommand parent;
    @Spec CommandSpec spec;

    @Override
    public Integer call() {
      try (CliEnvironment.Tools tools = parent.environment.tools()) {
        PrintWriter out = spec.commandLine().getOut();
        for (AgentClass agentClass : tools.catalog().classes()) {
          if (agentClass == AgentClass.OCF) {
            out.println("ocf / " + String.join(" ", tools.catalog().providers()));
          } else {
            out.println(agentClass.cibName());
          }
        }
        out.flush();
        return 0;
      }
    }
  }

  /** {@code crm ra list CLASS [PROVIDER]}. */
  @Command(name = "list", description = "List the agents of a class (and OCF provider).")
  public static final class ListAgents implements Callable<Integer> {
    @ParentCommand RaCommand parent;
    @Spec CommandSpec spec;

    @Parameters(index = "0", paramLabel = "CLASS")
    String className;

    @Parameters(index = "1", arity = "0..1", paramLabel = "PROVIDER")
    String provider;

    @Override
    public Integer call() {
      AgentClass agentClass = AgentClass.fromCibName(className).orElse(null);
      if (agentClass == null) {
        return parent.fail(spec, "ra.list: class " + className + " does not exist");
      }
      try (CliEnvironment.Tools tools = parent.environment.tools()) {
        if (agentClass == AgentClass.SYSTEMD && !tools.agents().systemdRunning()) {
          return parent.fail(spec, "ra.list: class systemd does not exist");
        }
        List<String> names = tools.catalog().agents(agentClass, provider);
        spec.commandLine().getOut().print(Columns.format(names, 80));
        spec.commandLine().getOut().flush();
        return 0;
      } catch (IllegalArgumentException | IOException e) {
        return parent.fail(spec, "ra.list: " + e.getMessage());
      }
    }
  }

  /** {@code crm ra providers TYPE}. */
  @Command(name = "providers", description = "List the OCF providers of an agent.")
  public static final class Providers implements Callable<Integer> {
    @ParentCommand RaCommand parent;
    @Spec CommandSpec spec;

    @Parameters(index = "0", paramLabel = "TYPE")
    String type;

    @Override
    public Integer call() {
      try (CliEnvironment.Tools tools = parent.environment.tools()) {
        spec.commandLine().getOut().println(String.join(" ", tools.catalog().providers(type)));
        spec.commandLine().getOut().flush();
        return 0;
      }
    }
  }

  /** {@code crm ra info AGENT}. */
  @Command(name = "info", description = "Show an agent's meta-data: parameters and actions.")
  public static class Info implements Callable<Integer> {
    @ParentCommand RaCommand parent;
    @Spec CommandSpec spec;

    @Parameters(
        index = "0",
        paramLabel = "AGENT",
        description = "class:provider:type, class:type or type")
    String name;

    @Override
    public Integer call() {
      try (CliEnvironment.Tools tools = parent.environment.tools()) {
        AgentId agent;
        try {
          agent = tools.catalog().resolve(name);
        } catch (IllegalArgumentException e) {
          return parent.fail(spec, name + ": " + e.getMessage());
        }
        String text = MetadataFormatter.info(agent.toString(), tools.catalog().metadata(agent));
        spec.commandLine().getOut().print(text);
        spec.commandLine().getOut().flush();
        return 0;
      } catch (MetadataException e) {
        return parent.fail(spec, e.getMessage());
      }
    }
  }

  /** {@code crm ra meta AGENT}: the same as info. */
  @Command(name = "meta", description = "The same as info.")
  public static final class Meta extends Info {}

  /** Lays names out in columns across a terminal width, row by row, as crmsh does. */
  static final class Columns {
    private Columns() {}

    static String format(List<String> names, int width) {
      if (names.isEmpty()) {
        return "";
      }
      int longest = names.stream().mapToInt(String::length).max().orElse(0);
      int columns = Math.max(1, width / (longest + 2));
      int columnWidth = width / columns;
      StringBuilder out = new StringBuilder();
      for (int i = 0; i < names.size(); i += columns) {
        List<String> row = names.subList(i, Math.min(names.size(), i + columns));
        String line =
            row.stream()
                .map(n -> String.format("%-" + columnWidth + "s", n))
                .collect(Collectors.joining());
        // crmsh pads every name but the last of a full row.
        out.append(row.size() == columns ? line.stripTrailing() : line).append('\n');
      }
      return out.toString();
    }
  }
}
