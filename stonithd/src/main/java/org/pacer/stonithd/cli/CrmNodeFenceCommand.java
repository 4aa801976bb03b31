package org.pacer.stonithd.cli;

import java.time.Duration;
import java.time.ZoneId;
import java.util.concurrent.Callable;
import org.pacer.stonithd.api.StonithProtocol.FenceReply;
import org.pacer.stonithd.coordination.FenceState;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code crm node fence NODE}: reboots the node through the cluster's fencing. */
@Command(name = "fence", mixinStandardHelpOptions = true, description = "Fence (reboot) a node.")
public final class CrmNodeFenceCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Parameters(index = "0", paramLabel = "NODE")
  String node;

  @Option(
      names = {"-t", "--timeout"},
      defaultValue = "120",
      description = "Seconds to wait (default 120).")
  int timeout;

  private final StonithConnector connector;
  private final ZoneId zone;

  public CrmNodeFenceCommand(StonithConnector connector, ZoneId zone) {
    this.connector = connector;
    this.zone = zone;
  }

  @Override
  public Integer call() throws Exception {
    return connector.with(
        spec,
        client -> {
          FenceReply reply =
              client
                  .fence(
                      node,
                      "reboot",
                      Duration.ofSeconds(timeout),
                      Duration.ZERO,
                      "crm." + ProcessHandle.current().pid())
                  .get();
          if (reply.result().state() == FenceState.SUCCESS) {
            spec.commandLine().getOut().println(HistoryFormat.line(reply.result(), zone));
            return ExitCodes.OK;
          }
          spec.commandLine()
              .getErr()
              .println("ERROR: fencing " + node + " failed: " + reply.result().reason());
          return ExitCodes.ERROR;
        });
  }
}
