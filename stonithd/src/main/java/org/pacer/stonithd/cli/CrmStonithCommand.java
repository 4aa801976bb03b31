package org.pacer.stonithd.cli;

import java.io.PrintWriter;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.concurrent.Callable;
import org.pacer.stonithd.api.StonithProtocol.DeviceActionReply;
import org.pacer.stonithd.api.StonithProtocol.DeviceInfo;
import org.pacer.stonithd.api.StonithProtocol.StatusReply;
import org.pacer.stonithd.coordination.FenceState;
import org.pacer.stonithd.coordination.HistoryEntry;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code crm stonith history|list|status}: what stonith_admin -H, -l/-L and -Q show. */
@Command(
    name = "stonith",
    mixinStandardHelpOptions = true,
    description = "Fencing: history, devices and their status.",
    subcommands = {
      CrmStonithCommand.History.class,
      CrmStonithCommand.ListDevices.class,
      CrmStonithCommand.Status.class
    })
public final class CrmStonithCommand {

  private static final Duration WAIT = Duration.ofSeconds(60);

  private final StonithConnector connector;
  private final ZoneId zone;

  public CrmStonithCommand(StonithConnector connector, ZoneId zone) {
    this.connector = connector;
    this.zone = zone;
  }

  /** A picocli factory for the subcommands, which need the connector. */
  public picocli.CommandLine.IFactory factory() {
    CrmStonithCommand parent = this;
    return new picocli.CommandLine.IFactory() {
      @Override
      @SuppressWarnings("unchecked")
      public <K> K create(Class<K> cls) throws Exception {
        if (cls == History.class) {
          return (K) new History(parent);
        }
        if (cls == ListDevices.class) {
          return (K) new ListDevices(parent);
        }
        if (cls == Status.class) {
          return (K) new Status(parent);
        }
        if (cls == CrmStonithCommand.class) {
          return (K) parent;
        }
        return picocli.CommandLine.defaultFactory().create(cls);
      }
    };
  }

  @Command(
      name = "history",
      mixinStandardHelpOptions = true,
      description =
          "Every fencing operation the cluster recorded (pending ones first), newest first.")
  static final class History implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Parameters(index = "0", arity = "0..1", paramLabel = "NODE", defaultValue = "*")
    String node;

    private final CrmStonithCommand parent;

    History(CrmStonithCommand parent) {
      this.parent = parent;
    }

    @Override
    public Integer call() throws Exception {
      return parent.connector.with(
          spec,
          client -> {
            List<HistoryEntry> entries =
                HistoryFormat.select(client.history(node, true).get(), true);
            PrintWriter out = spec.commandLine().getOut();
            if (entries.isEmpty()) {
              out.println("No fencing history" + (node.equals("*") ? "" : " for " + node));
            }
            for (HistoryEntry e : entries) {
              out.println("  * " + HistoryFormat.line(e, parent.zone));
            }
            return ExitCodes.OK;
          });
    }
  }

  @Command(
      name = "list",
      mixinStandardHelpOptions = true,
      description =
          "The fence devices; with NODE, the ones this node can use to fence NODE and why not the others.")
  static final class ListDevices implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Parameters(index = "0", arity = "0..1", paramLabel = "NODE")
    String node;

    private final CrmStonithCommand parent;

    ListDevices(CrmStonithCommand parent) {
      this.parent = parent;
    }

    @Override
    public Integer call() throws Exception {
      return parent.connector.with(
          spec,
          client -> {
            List<DeviceInfo> devices = client.devices(node, WAIT).get().devices();
            PrintWriter out = spec.commandLine().getOut();
            for (DeviceInfo d : devices) {
              String state =
                  node == null
                      ? (d.usable() ? "" : "  (not used: " + d.reason() + ")")
                      : (d.can()
                          ? "  can fence " + node
                          : "  cannot fence " + node + ": " + d.reason());
              out.println(" " + d.id() + " (stonith:" + d.agent() + ")" + state);
            }
            out.println(
                devices.size() + " fence device" + (devices.size() == 1 ? "" : "s") + " found");
            return ExitCodes.OK;
          });
    }
  }

  @Command(
      name = "status",
      mixinStandardHelpOptions = true,
      description =
          "The fencing daemon's view: group members, each device's monitor result, pending operations.")
  static final class Status implements Callable<Integer> {
    @Spec CommandSpec spec;

    private final CrmStonithCommand parent;

    Status(CrmStonithCommand parent) {
      this.parent = parent;
    }

    @Override
    public Integer call() throws Exception {
      return parent.connector.with(
          spec,
          client -> {
            StatusReply status = client.status().get();
            PrintWriter out = spec.commandLine().getOut();
            out.println(
                "Fencing on "
                    + status.node()
                    + ": members "
                    + String.join(" ", status.members())
                    + ", "
                    + status.pending()
                    + " pending operation"
                    + (status.pending() == 1 ? "" : "s"));
            int failed = 0;
            for (DeviceInfo d : client.devices(null, WAIT).get().devices()) {
              if (!d.usable()) {
                out.println("  " + d.id() + ": not used (" + d.reason() + ")");
                failed++;
                continue;
              }
              DeviceActionReply r = client.deviceAction(d.id(), "monitor", null, WAIT).get();
              boolean ok = "OK".equals(r.outcome());
              out.println(
                  "  "
                      + d.id()
                      + " (stonith:"
                      + d.agent()
                      + "): "
                      + (ok ? "running" : "FAILED: " + r.reason()));
              failed += ok ? 0 : 1;
            }
            for (HistoryEntry e : client.history("*", true).get()) {
              if (e.state() == FenceState.PENDING) {
                out.println("  pending: " + HistoryFormat.line(e, parent.zone));
              }
            }
            return failed == 0 ? ExitCodes.OK : ExitCodes.ERROR;
          });
    }
  }
}
