package org.pacer.stonithd.cli;

import java.io.PrintWriter;
import java.net.ConnectException;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import org.pacer.messaging.rpc.ConnectionLostException;
import org.pacer.messaging.rpc.DeadlineExceededException;
import org.pacer.messaging.rpc.RemoteException;
import org.pacer.stonithd.api.StonithClient;
import org.pacer.stonithd.api.StonithProtocol.DeviceActionReply;
import org.pacer.stonithd.api.StonithProtocol.DeviceInfo;
import org.pacer.stonithd.api.StonithProtocol.FenceReply;
import org.pacer.stonithd.coordination.FenceState;
import org.pacer.stonithd.coordination.HistoryEntry;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code stonith_admin} with Pacemaker's options and exit codes, for scripts: fence, reboot,
 * unfence, confirm, history (with cleanup), devices that can fence a node, registered and installed
 * devices, agent meta-data and device queries.
 */
@Command(
    name = "stonith_admin",
    version = "stonith_admin (Pacer)",
    description = "Access Pacer's fencing daemon (Pacemaker's stonith_admin options).")
public final class StonithAdminCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @ArgGroup(exclusive = true, multiplicity = "1")
  Action command;

  @Option(
      names = {"-?", "--help"},
      usageHelp = true,
      description = "Show this help.")
  boolean help;

  @Option(
      names = {"-$", "--version"},
      versionHelp = true,
      description = "Show the version.")
  boolean version;

  /** Exactly one of these is given. */
  static final class Action {
    @Option(
        names = {"-F", "--fence"},
        paramLabel = "HOST",
        description = "Fence (off) the named host.")
    String fence;

    @Option(
        names = {"-B", "--reboot"},
        paramLabel = "HOST",
        description = "Reboot the named host.")
    String reboot;

    @Option(
        names = {"-U", "--unfence"},
        paramLabel = "HOST",
        description = "Unfence (on) the named host.")
    String unfence;

    @Option(
        names = {"-C", "--confirm"},
        paramLabel = "HOST",
        description = "Tell the cluster that the named host is now safely down.")
    String confirm;

    @Option(
        names = {"-H", "--history"},
        paramLabel = "NODE",
        description =
            "Show the last successful fencing of NODE ('*' for all); with --verbose everything.")
    String history;

    @Option(
        names = {"-l", "--list"},
        paramLabel = "HOST",
        description = "List the devices that can fence HOST.")
    String list;

    @Option(
        names = {"-L", "--list-registered"},
        description = "List all registered devices.")
    boolean listRegistered;

    @Option(
        names = {"-I", "--list-installed"},
        description = "List all installed fence agents.")
    boolean listInstalled;

    @Option(
        names = {"-M", "--metadata"},
        description = "Show an agent's meta-data (needs --agent).")
    boolean metadata;

    @Option(
        names = {"-Q", "--query"},
        paramLabel = "DEVICE",
        description = "Check the named device's status.")
    String query;

    @Option(
        names = {"-s", "--list-targets"},
        paramLabel = "DEVICE",
        description = "List the targets the named device can fence.")
    String listTargets;

    @Option(
        names = {"-h", "--last"},
        paramLabel = "NODE",
        description = "When NODE was last fenced.")
    String last;

    @Option(
        names = {"-K", "--validate"},
        description = "Validate a device configuration (needs --agent; --option NAME=VALUE).")
    boolean validate;
  }

  @Option(
      names = {"-o", "--option"},
      paramLabel = "NAME=VALUE",
      description = "A device parameter (with --validate); may be repeated.")
  java.util.List<String> options = new java.util.ArrayList<>();

  @Option(
      names = "--tolerance",
      paramLabel = "SECONDS",
      defaultValue = "0",
      description = "Do nothing if the same fencing succeeded less than this many seconds ago.")
  int tolerance;

  @Option(
      names = {"-a", "--agent"},
      description = "The agent (with --metadata).")
  String agent;

  @Option(
      names = {"-c", "--cleanup"},
      description = "With --history: forget the history.")
  boolean cleanup;

  @Option(
      names = {"-t", "--timeout"},
      paramLabel = "SECONDS",
      defaultValue = "120",
      description = "Operation timeout in seconds (default 120).")
  int timeout;

  @Option(
      names = {"-y", "--delay"},
      paramLabel = "SECONDS",
      defaultValue = "0",
      description = "A fencing delay added to pcmk_delay_base/max; -1 disables every delay.")
  int delay;

  @Option(
      names = {"-T", "--tag"},
      description = "Name this client in the history and logs.")
  String tag;

  @Option(
      names = {"-q", "--quiet"},
      description = "Be less descriptive in output.")
  boolean quiet;

  @Option(
      names = {"-V", "--verbose"},
      description = "Show more (all history entries).")
  boolean verbose;

  private final StonithConnector connector;
  private final ZoneId zone;

  public StonithAdminCommand(StonithConnector connector, ZoneId zone) {
    this.connector = connector;
    this.zone = zone;
  }

  /**
   * The command line as stonith_admin behaves: a usage error (unknown option, missing argument, no
   * command) prints the problem and exits 64.
   */
  public static picocli.CommandLine commandLine(StonithConnector connector, ZoneId zone) {
    picocli.CommandLine cl = new picocli.CommandLine(new StonithAdminCommand(connector, zone));
    cl.setParameterExceptionHandler(
        (ex, args) -> {
          ex.getCommandLine().getErr().println("stonith_admin: " + ex.getMessage());
          ex.getCommandLine().usage(ex.getCommandLine().getErr());
          return ExitCodes.USAGE;
        });
    return cl;
  }

  private PrintWriter out() {
    return spec.commandLine().getOut();
  }

  private PrintWriter err() {
    return spec.commandLine().getErr();
  }

  private String clientName() {
    return tag != null && !tag.isBlank() ? tag : "stonith_admin." + ProcessHandle.current().pid();
  }

  @Override
  public Integer call() {
    if (timeout <= 0) {
      err().println("stonith_admin: --timeout must be a positive number of seconds");
      return ExitCodes.USAGE;
    }
    if ((command.metadata || command.validate) && (agent == null || agent.isBlank())) {
      err()
          .println(
              "stonith_admin: --"
                  + (command.metadata ? "metadata" : "validate")
                  + " needs --agent");
      return ExitCodes.USAGE;
    }
    for (String o : options) {
      if (o.indexOf('=') <= 0) {
        err().println("stonith_admin: --option must be NAME=VALUE, not '" + o + "'");
        return ExitCodes.USAGE;
      }
    }
    if (cleanup && command.history == null) {
      err().println("stonith_admin: --cleanup needs --history");
      return ExitCodes.USAGE;
    }
    try (StonithClient client = connector.open()) {
      return run(client);
    } catch (java.io.IOException e) {
      err().println("stonith_admin: Could not connect to fencer: " + e.getMessage());
      return ExitCodes.NOT_CONNECTED;
    }
  }

  private int run(StonithClient client) {
    Duration t = Duration.ofSeconds(timeout);
    Duration d = Duration.ofSeconds(delay);
    Duration tol = Duration.ofSeconds(Math.max(0, tolerance));
    try {
      if (command.fence != null) {
        return fence(client.fence(command.fence, "off", t, d, tol, clientName()).get(), "fence");
      }
      if (command.reboot != null) {
        return fence(
            client.fence(command.reboot, "reboot", t, d, tol, clientName()).get(), "reboot");
      }
      if (command.unfence != null) {
        return fence(client.fence(command.unfence, "on", t, d, tol, clientName()).get(), "unfence");
      }
      if (command.confirm != null) {
        return fence(client.confirm(command.confirm, clientName()).get(), "confirm");
      }
      if (command.history != null) {
        return history(client);
      }
      if (command.last != null) {
        return last(client);
      }
      if (command.validate) {
        return validate(client);
      }
      if (command.list != null) {
        List<DeviceInfo> devices = client.devices(command.list, t).get().devices();
        return printDevices(devices.stream().filter(DeviceInfo::can).map(DeviceInfo::id).toList());
      }
      if (command.listRegistered) {
        return printDevices(
            client.devices(null, t).get().devices().stream().map(DeviceInfo::id).toList());
      }
      if (command.listInstalled) {
        return printDevices(client.installed().get());
      }
      if (command.metadata) {
        out().print(client.metadata(agent).get());
        return ExitCodes.OK;
      }
      if (command.query != null) {
        DeviceActionReply r = client.deviceAction(command.query, "status", null, t).get();
        return deviceReply(r, command.query);
      }
      DeviceActionReply r = client.deviceAction(command.listTargets, "list", null, t).get();
      if ("OK".equals(r.outcome()) && !quiet) {
        out().print(r.output());
      }
      return deviceReply(r, command.listTargets);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return ExitCodes.ERROR;
    } catch (ExecutionException | CompletionException e) {
      return failure(e.getCause() == null ? e : e.getCause());
    }
  }

  private int fence(FenceReply reply, String what) {
    HistoryEntry e = reply.result();
    if (e.state() == FenceState.SUCCESS) {
      if (!quiet) {
        out()
            .println(
                "Node "
                    + e.target()
                    + " "
                    + (what.equals("confirm") ? "confirmed safely down" : "fenced successfully")
                    + (e.executor().isEmpty() ? "" : " (by " + e.executor() + ")"));
      }
      return ExitCodes.OK;
    }
    err().println("stonith_admin: Couldn't " + what + " " + e.target() + ": " + e.reason());
    if (e.reason().startsWith("timed out")) {
      return ExitCodes.TIMEOUT;
    }
    return e.reason().startsWith("no device can fence") ? ExitCodes.NO_SUCH : ExitCodes.ERROR;
  }

  private int history(StonithClient client) throws InterruptedException, ExecutionException {
    String target = command.history;
    if (cleanup) {
      client.cleanupHistory(target).get();
      if (!quiet) {
        out()
            .println(
                "cleaning up fencing-history" + (target.equals("*") ? "" : " for node " + target));
      }
      return ExitCodes.OK;
    }
    List<HistoryEntry> entries =
        HistoryFormat.select(client.history(target, verbose).get(), verbose);
    if (quiet) {
      entries.stream()
          .filter(e -> e.state() == FenceState.SUCCESS)
          .findFirst()
          .ifPresent(e -> out().println(e.completedAt() / 1000));
      return ExitCodes.OK;
    }
    for (HistoryEntry e : entries) {
      out().println(HistoryFormat.line(e, zone));
    }
    return ExitCodes.OK;
  }

  private int last(StonithClient client) throws InterruptedException, ExecutionException {
    java.util.Optional<HistoryEntry> last =
        client.history(command.last, false).get().stream()
            .filter(e -> e.state() == FenceState.SUCCESS)
            .max(java.util.Comparator.comparingLong(HistoryEntry::completedAt));
    if (last.isEmpty()) {
      out().println("Node " + command.last + " has never been fenced");
    } else if (quiet) {
      out().println(last.get().completedAt() / 1000);
    } else {
      out()
          .println(
              "Node "
                  + command.last
                  + " last fenced at: "
                  + java.time.format.DateTimeFormatter.ofPattern(
                          "EEE MMM d HH:mm:ss yyyy", java.util.Locale.ROOT)
                      .format(
                          java.time.Instant.ofEpochMilli(last.get().completedAt()).atZone(zone)));
    }
    return ExitCodes.OK;
  }

  private int validate(StonithClient client) throws InterruptedException, ExecutionException {
    java.util.Map<String, String> params = new java.util.LinkedHashMap<>();
    for (String o : options) {
      params.put(o.substring(0, o.indexOf('=')), o.substring(o.indexOf('=') + 1));
    }
    DeviceActionReply r = client.validate(agent, params, Duration.ofSeconds(timeout)).get();
    boolean ok = "OK".equals(r.outcome());
    if (!quiet) {
      if (!r.output().isBlank()) {
        out().print(r.output());
      }
      out().println("Validation of " + agent + (ok ? " passed" : " failed: " + r.reason()));
    }
    return ok ? ExitCodes.OK : ExitCodes.ERROR;
  }

  private int printDevices(List<String> ids) {
    for (String id : ids) {
      out().println(" " + id);
    }
    out().println(ids.size() + " fence device" + (ids.size() == 1 ? "" : "s") + " found");
    return ExitCodes.OK;
  }

  private int deviceReply(DeviceActionReply r, String device) {
    if ("OK".equals(r.outcome())) {
      if (!quiet) {
        out().println("Device " + device + " is active");
      }
      return ExitCodes.OK;
    }
    if (r.exitCode() == 2) {
      out().println("Device " + device + " reports its outlet off");
      return ExitCodes.OK;
    }
    err().println("stonith_admin: " + r.reason());
    return r.reason().contains("does not exist") ? ExitCodes.NO_SUCH : ExitCodes.ERROR;
  }

  private int failure(Throwable e) {
    if (e instanceof RemoteException re) {
      err().println("stonith_admin: " + re.getMessage());
      return org.pacer.messaging.envelope.ErrorBody.BAD_REQUEST.equals(re.code())
              || "refused".equals(re.code())
          ? ExitCodes.INVALID_PARAM
          : "no-such-agent".equals(re.code()) ? ExitCodes.NO_SUCH : ExitCodes.ERROR;
    }
    if (e instanceof DeadlineExceededException) {
      err().println("stonith_admin: timed out waiting for the fencer: " + e.getMessage());
      return ExitCodes.TIMEOUT;
    }
    if (e instanceof ConnectionLostException || e instanceof ConnectException) {
      err().println("stonith_admin: connection to the fencer lost: " + e.getMessage());
      return ExitCodes.NOT_CONNECTED;
    }
    err().println("stonith_admin: " + e);
    return ExitCodes.ERROR;
  }
}
