package org.pacer.stonithd.cli;

import java.io.IOException;
import org.pacer.stonithd.api.StonithClient;
import picocli.CommandLine.Model.CommandSpec;

/** How a command reaches the local stonithd; the shell supplies its own (root, event loops). */
@FunctionalInterface
public interface StonithConnector {
  StonithClient open() throws IOException;

  /** The local stonithd of the node rooted at {@code paths}, one connection per command. */
  static StonithConnector local(org.pacer.messaging.paths.NodePaths paths, String clientName) {
    return () -> StonithClient.connectLocal(paths, clientName);
  }

  /** What a crm command does with the client; its exit code. */
  @FunctionalInterface
  interface Work {
    int run(StonithClient client) throws Exception;
  }

  /** Runs {@code work} on a fresh connection; a daemon that cannot be reached exits 102. */
  default int with(CommandSpec spec, Work work) throws Exception {
    try (StonithClient client = open()) {
      return work.run(client);
    } catch (IOException e) {
      spec.commandLine()
          .getErr()
          .println("ERROR: cannot reach the fencing daemon: " + e.getMessage());
      return ExitCodes.NOT_CONNECTED;
    }
  }
}
