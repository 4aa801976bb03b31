package org.pacer.cli.cluster;

import java.io.IOException;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.pacer.membership.api.StatusReply;
import org.pacer.membership.client.MembershipClient;
import org.pacer.messaging.envelope.Json;
import org.pacer.messaging.paths.NodePaths;
import org.pacer.messaging.transport.EventLoops;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code crm cluster status}: the ring, its members, links and quorum, as {@code corosync-cfgtool
 * -s} and {@code corosync-quorumtool -s} show them together.
 */
@Command(
    name = "status",
    mixinStandardHelpOptions = true,
    description = "Show membership, links and quorum as this node sees them.")
final class StatusCommand implements Callable<Integer> {

  @CommandLine.Mixin ClusterCommand.NodeOptions node = new ClusterCommand.NodeOptions();

  @Option(names = "--output-as", paramLabel = "FORMAT", description = "text (default) or json.")
  String format = "text";

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    if (!format.equals("text") && !format.equals("json")) {
      err.println("crm cluster status: --output-as must be text or json, not '" + format + "'");
      return 2;
    }
    NodePaths paths = node.paths();
    StatusReply status;
    try (EventLoops loops = EventLoops.create("crm-io", 1);
        MembershipClient client = MembershipClient.connect(paths, loops, "crm", Duration.ZERO)) {
      status = client.status().get(10, TimeUnit.SECONDS);
    } catch (IOException e) {
      err.println(
          "crm cluster status: pacer-membership is not running on this node (no answer on "
              + paths.socket("membership")
              + ")");
      return 3;
    } catch (ExecutionException e) {
      err.println("crm cluster status: " + e.getCause().getMessage());
      return 1;
    }
    if (format.equals("json")) {
      out.println(
          Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(StatusJson.of(status)));
    } else {
      printText(out, status);
    }
    return 0;
  }

  private static void printText(PrintWriter out, StatusReply s) {
    out.printf("Cluster status of node %s (nodeid %d)%n%n", s.node(), s.nodeId());
    out.printf("Ring ID:          %s%n", s.ringId());
    out.printf("Ring state:       %s%n%n", s.state());
    out.println("Membership information");
    out.println("----------------------");
    out.printf("%8s %-16s %s%n", "Nodeid", "Name", "Address");
    for (StatusReply.Member m : s.members()) {
      out.printf(
          "%8d %-16s %s%s%n", m.id(), m.name(), m.addr(), m.id() == s.nodeId() ? " (local)" : "");
    }
    out.println();
    out.println("Links");
    out.println("-----");
    out.printf("%-16s %4s %-24s %s%n", "Node", "Link", "Address", "Status");
    for (StatusReply.LinkState l : s.links()) {
      out.printf(
          "%-16s %4d %-24s %s%n", l.node(), l.link(), l.addr(), l.up() ? "connected" : "DOWN");
    }
    out.println();
    out.println("Votequorum information");
    out.println("----------------------");
    out.printf("Expected votes:   %d%n", s.quorum().expectedVotes());
    out.printf("Total votes:      %d%n", s.quorum().totalVotes());
    out.printf("Quorum:           %d%n", s.quorum().quorum());
    StringBuilder flags = new StringBuilder(s.quorum().quorate() ? "Quorate" : "NOT quorate");
    if (s.quorum().waitForAll()) {
      flags.append(" WaitForAll");
    }
    out.printf("Flags:            %s%n", flags);
  }
}
